// The gate's decision on synthetic figures: deterministic, no timing.

import { describe, expect, it } from "vitest";
import {
  compareFigures,
  confirmRegression,
  DEFAULT_POLICY,
  type Figures,
  gateFails,
  judge,
  thresholdFor,
  type WorkloadFigure,
} from "../bench/core/gate.ts";
import { median, relativeSpread } from "../bench/core/stats.ts";

const fig = (ratio: number, spread = 0.02, rounds = 9): WorkloadFigure => ({
  ratio,
  spread,
  rounds,
});

/** Seeded PRNG (mulberry32) so the simulated noise is the same every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe("threshold", () => {
  it("is the policy minimum when the rounds are calm", () => {
    expect(thresholdFor(fig(10, 0.01), fig(10, 0.01))).toBe(DEFAULT_POLICY.minThreshold);
  });

  it("widens with the between-process drift recorded in the baseline", () => {
    expect(thresholdFor({ ...fig(10, 0.01), drift: 0.14 }, fig(10, 0.01))).toBeCloseTo(0.28, 10);
    expect(judge("ftp", "nat", { ...fig(10), drift: 0.14 }, fig(12)).status).toBe("ok");
  });

  it("widens with the measured spread and narrows with more rounds", () => {
    const noisy = thresholdFor(fig(10, 0.2, 9), fig(10, 0.2, 9));
    expect(noisy).toBeGreaterThan(DEFAULT_POLICY.minThreshold);
    expect(thresholdFor(fig(10, 0.2, 36), fig(10, 0.2, 36))).toBeCloseTo(
      Math.max(DEFAULT_POLICY.minThreshold, noisy / 2),
      10,
    );
  });
});

describe("judge", () => {
  it("flags a 30% slowdown and names it", () => {
    const v = judge("ftp", "commands", fig(10), fig(13));
    expect(v.status).toBe("regressed");
    expect(v.change).toBeCloseTo(0.3, 10);
    expect(v.workload).toBe("commands");
  });

  it("lets a change within the threshold pass, either way", () => {
    expect(judge("ftp", "w", fig(10), fig(10.8)).status).toBe("ok");
    expect(judge("ftp", "w", fig(10), fig(9.2)).status).toBe("ok");
    expect(judge("ftp", "w", fig(10), fig(7)).status).toBe("faster");
  });

  it("the same 30% passes when the rounds were too noisy to tell", () => {
    expect(judge("ftp", "w", fig(10, 0.5, 5), fig(13, 0.5, 5)).status).toBe("ok");
  });

  it("reports new and missing workloads", () => {
    expect(judge("ftp", "w", undefined, fig(1)).status).toBe("new");
    expect(judge("ftp", "w", fig(1), undefined).status).toBe("missing");
  });
});

describe("compareFigures and the verdict", () => {
  const baseline: Figures = { ftp: { a: fig(10), b: fig(20) }, irc: { c: fig(5) } };

  it("judges only the helpers measured in this run", () => {
    const verdicts = compareFigures(baseline, { ftp: { a: fig(10), b: fig(20) } });
    expect(verdicts.map((v) => v.workload).sort()).toEqual(["a", "b"]);
    expect(gateFails(verdicts)).toBe(false);
  });

  it("fails on one regressed workload, or on one that vanished", () => {
    expect(gateFails(compareFigures(baseline, { ftp: { a: fig(10), b: fig(27) } }))).toBe(true);
    expect(gateFails(compareFigures(baseline, { ftp: { a: fig(10) } }))).toBe(true);
  });

  it("a regression must be confirmed by the second measurement", () => {
    const first = judge("ftp", "a", fig(10), fig(13));
    expect(confirmRegression(first, judge("ftp", "a", fig(10), fig(10.2))).status).toBe("ok");
    const confirmed = confirmRegression(first, judge("ftp", "a", fig(10), fig(12.5)));
    expect(confirmed.status).toBe("regressed");
    expect(confirmed.change).toBeCloseTo(0.25, 10); // the smaller of the two
  });
});

describe("simulated noise (the machine's measured noise, in a seeded model)", () => {
  // Per-process drift σ 5% (fresh JIT and heap layout) and per-round σ 3%, the sizes
  // observed on the 2-core CI machine (docs/benchmarks.md); 13 workloads a run.
  const workloads = 13;
  const processDrift = 0.05;
  const roundNoise = 0.03;
  const rounds = 9;

  function measure(random: () => number, trueRatio: number): WorkloadFigure {
    const drift = 1 + processDrift * gaussian(random);
    const samples = Array.from(
      { length: rounds },
      () => trueRatio * drift * (1 + roundNoise * gaussian(random)),
    );
    return { ratio: median(samples), spread: relativeSpread(samples), rounds };
  }

  function gateRun(random: () => number, slowdown: number): boolean {
    const base: Figures = { ftp: {} };
    const now: Figures = { ftp: {} };
    for (let w = 0; w < workloads; w++) {
      base.ftp[`w${w}`] = measure(random, 10);
      now.ftp[`w${w}`] = measure(random, 10 * (1 + slowdown));
    }
    const verdicts = compareFigures(base, now).map((v) =>
      v.status === "regressed"
        ? confirmRegression(
            v,
            judge("ftp", v.workload, base.ftp[v.workload], measure(random, 10 * (1 + slowdown))),
          )
        : v,
    );
    return gateFails(verdicts);
  }

  it("raises a false alarm in under 10% of unchanged runs", () => {
    const random = rng(7);
    let alarms = 0;
    for (let i = 0; i < 500; i++) if (gateRun(random, 0)) alarms++;
    expect(alarms / 500).toBeLessThan(0.1);
  });

  it("catches a 30% slowdown in nearly every run", () => {
    const random = rng(11);
    let caught = 0;
    for (let i = 0; i < 200; i++) if (gateRun(random, 0.3)) caught++;
    expect(caught / 200).toBeGreaterThan(0.98);
  });
});
