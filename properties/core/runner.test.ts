import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Flow } from "../../helpers/core/model.ts";
import { ftpHelper } from "../../helpers/ftp/index.ts";
import { HarnessError } from "./harness-error.ts";
import { builtinTarget, specTarget } from "./in-process.ts";
import type { FlowProperty, Subject } from "./property.ts";
import { checkProperty } from "./runner.ts";

const subject: Subject = { target: builtinTarget, reference: specTarget, helper: ftpHelper };

/** Flows whose one segment is `n` bytes long: a failure is any flow with n ≥ 30. */
function flowOfLength(n: number): Flow {
  return {
    helper: "ftp",
    l4: "tcp",
    client: { addr: "192.0.2.1", port: 40000 },
    server: { addr: "192.0.2.2", port: 21 },
    segments: [{ dir: "orig", data: new Uint8Array(n) }],
  };
}

function lengthProperty(limit: number, onCheck: () => void = () => {}): FlowProperty {
  return {
    name: "short-segments",
    description: `every segment is shorter than ${limit} bytes`,
    arbitrary: fc.nat(100).map(flowOfLength),
    check(flow) {
      onCheck();
      const length = flow.segments[0].data.length;
      if (length >= limit) throw new Error(`segment of ${length} bytes`);
    },
  };
}

describe("checkProperty", () => {
  it("skips the flows a target says it cannot run, and checks all the others", () => {
    // Fails on every flow of 30+ bytes, but the target refuses those: the property holds.
    const refusing: Subject = {
      ...subject,
      target: {
        ...builtinTarget,
        notRunnable: (flow) => (flow.segments[0].data.length >= 30 ? "too long" : undefined),
      },
    };
    const result = checkProperty(lengthProperty(30), refusing, { numRuns: 500, seed: 1 });
    expect(result.failure).toBeUndefined();
    expect(result.runs).toBe(500);
    // Without the refusal the same property fails: the skip is what made it hold.
    expect(
      checkProperty(lengthProperty(30), subject, { numRuns: 500, seed: 1 }).failure,
    ).toBeDefined();
  });

  it("counts every flow checked when the property holds", () => {
    const result = checkProperty(lengthProperty(1000), subject, { numRuns: 4500, seed: 1 });
    expect(result).toMatchObject({ runs: 4500, timedOut: false });
    expect(result.failure).toBeUndefined();
  });

  it("shrinks a failure to the smallest flow and replays it exactly from seed and path", () => {
    const result = checkProperty(lengthProperty(30), subject, { numRuns: 10_000, seed: 2 });
    expect(result.failure?.flow.segments[0].data.length).toBe(30);
    expect(result.failure?.message).toBe("segment of 30 bytes");
    const { seed, path } = result.failure!;
    const again = checkProperty(lengthProperty(30), subject, { numRuns: 1, seed, path });
    expect(again.failure?.flow).toEqual(result.failure?.flow);
  });

  it("stops generating at the time budget and says so", () => {
    const slow = lengthProperty(1000, () => {
      const until = performance.now() + 1;
      while (performance.now() < until) {}
    });
    const result = checkProperty(slow, subject, { numRuns: 100_000, seed: 3, timeLimitMs: 200 });
    expect(result.timedOut).toBe(true);
    expect(result.runs).toBeGreaterThan(0);
    expect(result.runs).toBeLessThan(100_000);
  });

  it("caps shrinking, keeping the smallest failure found so far", () => {
    let checks = 0;
    const counted = lengthProperty(30, () => checks++);
    const result = checkProperty(counted, subject, { numRuns: 10_000, seed: 2, maxShrinkSteps: 1 });
    expect(result.failure).toBeDefined();
    const firstFailureChecks = result.runs;
    expect(checks).toBeLessThanOrEqual(firstFailureChecks + 2);
  });

  it("reports a skip instead of running a property the target cannot show", () => {
    const property = { ...lengthProperty(30), skipReason: () => "no trace here" };
    const result = checkProperty(property, subject, { numRuns: 100, seed: 4 });
    expect(result).toMatchObject({ runs: 0, skipped: "no trace here" });
  });

  it("reports a HarnessError from the target as the harness's, never as a failure, even when the property catches it", () => {
    let runs = 0;
    const brokenChannel = {
      name: "broken",
      run: () => {
        if (++runs === 7) throw new HarnessError("the channel to the program broke down");
        return { expectations: [], segments: [] };
      },
    };
    const catching: FlowProperty = {
      ...lengthProperty(1000),
      check(flow, { target }) {
        try {
          target.run(flow);
        } catch (error) {
          throw new Error(`target threw: ${(error as Error).message}`);
        }
      },
    };
    const result = checkProperty(
      catching,
      { ...subject, target: brokenChannel },
      { numRuns: 1000, seed: 5 },
    );
    expect(result.failure).toBeUndefined();
    expect(result.harnessError).toBe("the channel to the program broke down");
    expect(result.runs).toBe(7);
    expect(runs).toBe(7);
  });
});

describe("checkProperty under a time budget (a counted clock: every check advances it)", () => {
  let now = 0;
  afterEach(() => vi.restoreAllMocks());
  function countedClock() {
    now = 0;
    vi.spyOn(performance, "now").mockImplementation(() => now);
  }

  it("stops at the flow that spends the budget, not at the end of a chunk of flows", () => {
    countedClock();
    const property = lengthProperty(1000, () => {
      now += 10;
    });
    const result = checkProperty(property, subject, {
      numRuns: 100_000,
      seed: 3,
      timeLimitMs: 1000,
    });
    expect(result.timedOut).toBe(true);
    expect(result.runs).toBe(100);
  });

  it("bounds shrinking too: the best shrink so far is reported, and why shrinking stopped", () => {
    countedClock();
    // A slow failure (a hanging target): every failing check costs 1000 on the clock.
    const slowFailure: FlowProperty = {
      ...lengthProperty(30),
      check(flow) {
        const length = flow.segments[0].data.length;
        now += length >= 30 ? 1000 : 1;
        if (length >= 30) throw new Error(`segment of ${length} bytes`);
      },
    };
    const unbounded = checkProperty(slowFailure, subject, { numRuns: 10_000, seed: 2 });
    expect(unbounded.failure?.flow.segments[0].data.length).toBe(30);
    expect(unbounded.failure?.shrinkStoppedBy).toBeUndefined();
    const failingSteps = unbounded.failure!.shrinks;
    expect(failingSteps).toBeGreaterThan(2);

    countedClock();
    const bounded = checkProperty(slowFailure, subject, {
      numRuns: 10_000,
      seed: 2,
      timeLimitMs: now + 2500,
    });
    expect(bounded.failure?.shrinkStoppedBy).toBe("time");
    expect(bounded.failure!.shrinks).toBeLessThan(failingSteps);
    expect(bounded.failure!.flow.segments[0].data.length).toBeGreaterThan(30);
    // The message is about the flow reported, and it replays from seed and path.
    const length = bounded.failure!.flow.segments[0].data.length;
    expect(bounded.failure?.message).toBe(`segment of ${length} bytes`);
    vi.restoreAllMocks();
    const again = checkProperty(lengthProperty(30), subject, {
      numRuns: 1,
      seed: bounded.failure!.seed,
      path: bounded.failure!.path,
      maxShrinkSteps: 0,
    });
    expect(again.failure?.flow).toEqual(bounded.failure?.flow);
  });
});
