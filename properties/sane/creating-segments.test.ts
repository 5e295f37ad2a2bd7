import { describe, expect, it } from "vitest";
import type { Flow, Outcome } from "../../helpers/core/model.ts";
import { creatingSegments } from "./creating-segments.ts";

const flowOf = (count: number): Flow => ({
  helper: "sane",
  l4: "tcp",
  client: { addr: "198.18.0.2", port: 1 },
  server: { addr: "198.19.0.5", port: 6566 },
  segments: Array.from({ length: count }, () => ({ dir: "orig" as const, data: Uint8Array.of(1) })),
});

/** A target that creates `perSegment[i]` expectations on segment i. */
function countingTarget(perSegment: number[]) {
  return {
    name: "counting",
    run(flow: Flow): Outcome {
      const n = perSegment.slice(0, flow.segments.length).reduce((a, b) => a + b, 0);
      const e = { l4: "tcp" as const, src: null, sport: null, dst: "198.19.0.5", dport: 1 };
      return { expectations: Array(n).fill(e), segments: [] };
    },
  };
}

describe("creatingSegments", () => {
  it("names the segment each expectation came from", () => {
    expect(creatingSegments(countingTarget([0, 1, 0, 2]), flowOf(4))).toEqual([1, 3, 3]);
  });
  it("is empty when nothing is created", () => {
    expect(creatingSegments(countingTarget([0, 0]), flowOf(2))).toEqual([]);
  });
  it("runs each prefix with the seqs it has in the whole flow", () => {
    const seen: (number | undefined)[][] = [];
    const target = {
      name: "seqs",
      run(flow: Flow): Outcome {
        seen.push(flow.segments.map((s) => s.seq));
        const e = { l4: "tcp" as const, src: null, sport: null, dst: "x", dport: 1 };
        return { expectations: flow.segments.length === 2 ? [e] : [], segments: [] };
      },
    };
    const flow = flowOf(2);
    flow.segments[1].seq = 7;
    expect(creatingSegments(target, flow)).toEqual([1]);
    expect(seen).toEqual([[undefined, 7], [0], [0, 7]]);
  });
});
