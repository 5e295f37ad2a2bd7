import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Flow } from "../helpers/core/model.ts";
import { ftpBehaviours } from "../helpers/ftp/spec/behaviours.ts";
import { helperRegistry } from "../helpers/registry.ts";
import { reach } from "../helpers/spec-core/behaviour.ts";
import type { SyncTarget } from "../properties/core/property.ts";
import { ftpKit } from "../properties/ftp/index.ts";
import { propertyRegistry } from "../properties/registry.ts";
import type { CampaignEntry } from "./campaign.ts";
import { campaignTotals, exitCodeOf } from "./reports/totals.ts";
import {
  COVERAGE_JUDGED_FROM,
  type CoverageTally,
  countingRefused,
  countingSpec,
  coverageLines,
  helperCoverage,
} from "./spec-coverage.ts";
import { specTarget } from "./targets/in-process.ts";

const ftpFlow = (text: string, dir: "orig" | "reply" = "orig"): Flow => ({
  helper: "ftp",
  l4: "tcp",
  client: { addr: "198.18.0.2", port: 40000 },
  server: { addr: "198.19.0.5", port: 21 },
  // The helper parses only a line after a newline it saw (kernel-helpers.md §2.3).
  segments: [
    { dir, data: new TextEncoder().encode(dir === "orig" ? "USER a\r\n" : "220 ready\r\n") },
    { dir, data: new TextEncoder().encode(text) },
  ],
});

function entry(coverage: CoverageTally, property = "differential"): CampaignEntry {
  return {
    helper: "ftp",
    result: {
      property,
      target: "builtin",
      runs: coverage.specRuns,
      seed: 1,
      durationMs: 1,
      timedOut: false,
    },
    coverage,
  };
}

describe("countingSpec", () => {
  it("counts each flow once per class it reached, and take() starts a new tally", () => {
    const counting = countingSpec(specTarget);
    const port = ftpFlow("PORT 198,18,0,2,4,1\r\n");
    counting.target.run(port);
    counting.target.run(port); // the same flow again: one flow
    counting.target.run(ftpFlow("227 Entering Passive Mode (198,19,0,5,19,137)\r\n", "reply"));
    const tally = counting.take();
    expect(tally.specRuns).toBe(2);
    expect(tally.reached["PORT: parsed"]).toBe(1);
    expect(tally.reached["227: parsed"]).toBe(1);
    expect(tally.reached.IPv4).toBe(2);
    expect(counting.take()).toEqual({ specRuns: 0, reached: {} });
  });

  it("counts nothing outside a count: reach() alone is a no-op", () => {
    reach("anything");
    const counting = countingSpec({
      name: "spec",
      run: () => ({ expectations: [], segments: [] }),
    } as SyncTarget);
    counting.target.run(ftpFlow(""));
    expect(counting.take()).toEqual({ specRuns: 1, reached: {} });
  });
});

describe("countingRefused", () => {
  const refusingLoose: SyncTarget = {
    name: "plugin",
    run: () => {
      throw new Error("a refused flow is never run on the target");
    },
    notRunnable: (flow) => (flow.config?.loose === true ? "no loose" : undefined),
  };

  it("counts the spec model's classes on flows the target refuses, and still refuses them", () => {
    const counting = countingSpec(specTarget);
    const checked = countingRefused(refusingLoose, counting.target);
    const loose = { ...ftpFlow("PORT 198,18,0,2,4,1\r\n"), config: { loose: true } };
    expect(checked.notRunnable?.(loose)).toBe("no loose");
    expect(checked.notRunnable?.(ftpFlow("PORT 198,18,0,2,4,1\r\n"))).toBeUndefined();
    const tally = counting.take();
    expect(tally.specRuns).toBe(1);
    expect(tally.reached["config: loose on"]).toBe(1);
  });

  it("leaves a target that refuses nothing as it is", () => {
    const counting = countingSpec(specTarget);
    expect(countingRefused(specTarget, counting.target)).toBe(specTarget);
  });
});

describe("helperCoverage", () => {
  const all = Object.fromEntries(ftpBehaviours.map((name) => [name, 5]));

  it("does not judge a campaign below the floor", () => {
    const [c] = helperCoverage([entry({ specRuns: 100, reached: {} })]);
    expect(c.notJudged).toMatch(/100 spec runs, fewer than the 20000/);
    expect(c.unreached).toEqual([]);
    expect(campaignTotals([entry({ specRuns: 100, reached: {} })]).coverageGaps).toBe(0);
  });

  it("names every declared class no flow reached, and the run exits 3", () => {
    const { "229: parsed": _gone, ...reached } = all;
    const entries = [
      entry({ specRuns: COVERAGE_JUDGED_FROM / 2, reached }),
      entry({ specRuns: COVERAGE_JUDGED_FROM / 2, reached: { "not a class": 1 } }, "other"),
    ];
    const [c] = helperCoverage(entries);
    expect(c.specRuns).toBe(COVERAGE_JUDGED_FROM);
    expect(c.unreached).toEqual(["229: parsed"]);
    expect(c.undeclared).toEqual([{ name: "not a class", flows: 1 }]);
    expect(coverageLines([c], false)).toContain("  never reached: 229: parsed");
    const totals = campaignTotals(entries);
    expect(totals.coverageGaps).toBe(1);
    expect(exitCodeOf(totals)).toBe(3);
  });

  it("holds when every declared class was reached", () => {
    const entries = [entry({ specRuns: COVERAGE_JUDGED_FROM, reached: all })];
    expect(helperCoverage(entries)[0].unreached).toEqual([]);
    expect(exitCodeOf(campaignTotals(entries))).toBe(0);
    expect(coverageLines(helperCoverage(entries), true)[0]).toMatch(
      /34 of 34 classes on 20000 spec runs \(every class reached\)/,
    );
  });
});

describe.each(Object.entries(helperRegistry).filter(([, registered]) => registered.behaviours))(
  "%s behaviour classes",
  (helper, registered) => {
    // Sized by count: 3,000 generated flows of the helper through the counting spec model.
    const flows = fc.sample(propertyRegistry[helper].flows, { numRuns: 3000, seed: 42 });
    const counting = countingSpec(specTarget);
    for (const flow of flows) counting.target.run(flow);
    const tally = counting.take();

    it("the spec model names only declared classes (a misspelt reach() shows here)", () => {
      const declared = new Set<string>(registered.behaviours);
      expect(Object.keys(tally.reached).filter((name) => !declared.has(name))).toEqual([]);
    });

    it("the generators reach every declared class", () => {
      const [c] = helperCoverage([{ ...entry(tally), helper }], 3000);
      expect(c.unreached).toEqual([]);
    });
  },
);

describe("a weak generator", () => {
  it("that never sends a 229 reply is caught, with the class named", () => {
    const flows = fc.sample(ftpKit.flows, { numRuns: 3000, seed: 42 });
    const no229 = (flow: Flow) =>
      flow.segments.every((s) => !new TextDecoder("latin1").decode(s.data).includes("229"));
    const weak = countingSpec(specTarget);
    for (const flow of flows.filter(no229)) weak.target.run(flow);
    const [c] = helperCoverage([entry(weak.take())], 1000);
    expect(c.unreached).toContain("229: parsed");
  });
});
