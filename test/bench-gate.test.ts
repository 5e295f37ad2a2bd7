// The gate's decision on synthetic figures: deterministic, no timing.

import { describe, expect, it } from "vitest";
import {
  compareFigures,
  confirmInSecondProcess,
  confirmRegression,
  DEFAULT_POLICY,
  type Figures,
  gateFails,
  judge,
  processRise,
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

  it("widens to the highest recorded process's rise plus the margin", () => {
    // irc/nat-dcc-send's shape: two JIT layouts, one process in three on the slow one.
    const bimodal = { ...fig(67.9, 0.01), processRatios: [65.7, 83.5, 67.9, 66.2, 70.1] };
    expect(processRise(bimodal)).toBeCloseTo(83.5 / 67.9 - 1, 10);
    expect(thresholdFor(bimodal, fig(67.9, 0.01))).toBeCloseTo(
      83.5 / 67.9 - 1 + DEFAULT_POLICY.riseMargin,
      10,
    );
    // A fresh process on the slow layout is not a regression...
    expect(judge("irc", "nat", bimodal, fig(84)).status).toBe("ok");
    // ...a 30% slowdown on it is.
    expect(judge("irc", "nat", bimodal, fig(83.5 * 1.3)).status).toBe("regressed");
  });

  it("ignores processes below the median and single-process baselines", () => {
    const lowOnly = { ...fig(10, 0.01), processRatios: [7, 8, 10, 10, 10] };
    expect(processRise(lowOnly)).toBe(0);
    expect(thresholdFor(lowOnly, fig(10, 0.01))).toBe(DEFAULT_POLICY.minThreshold);
    expect(processRise(fig(10))).toBe(0);
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

  it("a suspect stays a regression only if the fresh process repeats it", () => {
    const base: Figures = { ftp: { a: fig(10), b: fig(20), c: fig(30) } };
    const first = compareFigures(base, { ftp: { a: fig(13), b: fig(27), c: fig(30) } });
    expect(first.filter((v) => v.status === "regressed").length).toBe(2);
    const second = { ftp: { a: fig(10.3), b: fig(26), c: fig(45) } };
    const verdicts = confirmInSecondProcess(first, base, second);
    const byName = Object.fromEntries(verdicts.map((v) => [v.workload, v]));
    expect(byName.a.status).toBe("ok"); // did not repeat
    expect(byName.b.status).toBe("regressed");
    expect(byName.b.change).toBeCloseTo(0.3, 10); // the smaller of +35% and +30%
    // c passed the first time: a slow second process does not fail it.
    expect(byName.c.status).toBe("ok");
    expect(gateFails(verdicts)).toBe(true);
    expect(gateFails(confirmInSecondProcess(first, base, { ftp: {} }))).toBe(true);
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

describe("simulated four-suite gate (38 workloads, bimodal JIT layouts, fresh-process check)", () => {
  // The shapes measured on the 2-core machine (docs/benchmarks.md): a fresh process moves a
  // workload's ratio by σ 4%, rounds by σ 3%; three workloads have a second JIT layout
  // 25% slower that one process in three lands on (irc/nat-dcc-send). The baseline is the
  // median of 7 recorded processes, as bench/selftest.ts --record 7 writes it.
  const workloads = 38;
  const bimodal = new Set([3, 17, 30]);
  const processDrift = 0.04;
  const roundNoise = 0.03;
  const slowLayout = 1.25;
  const rounds = 9;
  const recordings = 7;

  /** One process: its layout factor per workload, fixed for the process's life. */
  function processLayout(random: () => number): number[] {
    return Array.from({ length: workloads }, (_, w) => {
      const layout = bimodal.has(w) && random() < 1 / 3 ? slowLayout : 1;
      return layout * (1 + processDrift * gaussian(random));
    });
  }

  function measure(random: () => number, layout: number[], slowdown: number): Figures {
    const figures: Figures = { h: {} };
    for (let w = 0; w < workloads; w++) {
      const samples = Array.from(
        { length: rounds },
        () => 10 * (1 + slowdown) * layout[w] * (1 + roundNoise * gaussian(random)),
      );
      figures.h[`w${w}`] = { ratio: median(samples), spread: relativeSpread(samples), rounds };
    }
    return figures;
  }

  function record(random: () => number): Figures {
    const runs = Array.from({ length: recordings }, () =>
      measure(random, processLayout(random), 0),
    );
    const base: Figures = { h: {} };
    for (let w = 0; w < workloads; w++) {
      const ratios = runs.map((r) => r.h[`w${w}`].ratio);
      base.h[`w${w}`] = {
        ratio: median(ratios),
        spread: median(runs.map((r) => r.h[`w${w}`].spread)),
        rounds,
        processRatios: ratios,
      };
    }
    return base;
  }

  /** One CI gate run; `fresh`: the suspects are re-measured in a new process (a new
   * layout), else in the same one. Returns the workloads that failed. */
  function gateRun(random: () => number, base: Figures, slowdown: number, fresh: boolean) {
    const layout = processLayout(random);
    const first = compareFigures(base, measure(random, layout, slowdown));
    if (!first.some((v) => v.status === "regressed")) return [];
    const again = measure(random, fresh ? processLayout(random) : layout, slowdown);
    return confirmInSecondProcess(first, base, again)
      .filter((v) => v.status === "regressed")
      .map((v) => v.workload);
  }

  /** Fraction of unchanged runs that fail, over several recorded baselines. */
  function falseAlarmRate(seed: number, fresh: boolean): number {
    const random = rng(seed);
    let alarms = 0;
    for (let b = 0; b < 20; b++) {
      const base = record(random);
      for (let i = 0; i < 25; i++) if (gateRun(random, base, 0, fresh).length > 0) alarms++;
    }
    return alarms / 500;
  }

  it("raises a false alarm in under 5% of unchanged runs", () => {
    expect(falseAlarmRate(3, true)).toBeLessThan(0.05);
  });

  it("a re-check in the same process would not: the slow layout repeats there", () => {
    expect(falseAlarmRate(3, false)).toBeGreaterThan(2 * falseAlarmRate(3, true));
  });

  it("catches a planted 30% slowdown in every run, on nearly every unimodal workload", () => {
    const random = rng(5);
    const hits = new Map<string, number>();
    let caught = 0;
    const runs = 100;
    for (let i = 0; i < runs; i++) {
      const failed = gateRun(random, record(random), 0.3, true);
      if (failed.length > 0) caught++;
      for (const w of failed) hits.set(w, (hits.get(w) ?? 0) + 1);
    }
    expect(caught).toBe(runs);
    for (let w = 0; w < workloads; w++) {
      if (!bimodal.has(w)) expect(hits.get(`w${w}`) ?? 0).toBeGreaterThan(0.95 * runs);
    }
  });
});
