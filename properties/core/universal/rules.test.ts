import { describe, expect, it } from "vitest";
import type { Flow, Outcome } from "../../../helpers/core/model.ts";
import { asciiBytes } from "../dialogue-flow.ts";
import { rewrittenSpan } from "./bytes-outside-rewrite-unchanged.ts";
import { expectedAdjustedSeqs } from "./sequence-adjustment-consistent.ts";

function flowOf(segments: [string, number][]): Flow {
  return {
    helper: "ftp",
    l4: "tcp",
    client: { addr: "192.0.2.1", port: 40000 },
    server: { addr: "192.0.2.2", port: 21 },
    segments: segments.map(([text, seq]) => ({ dir: "orig", data: asciiBytes(text), seq })),
  };
}

/** Every segment accepted; those listed in `grown` forwarded `by` bytes longer. */
function outcomeOf(flow: Flow, grown: Record<number, number>): Outcome {
  return {
    expectations: [],
    segments: flow.segments.map((s, i) => ({
      verdict: "accept",
      data: new Uint8Array(s.data.length + (grown[i] ?? 0)),
      seq: 0,
    })),
  };
}

describe("expectedAdjustedSeqs (one correction point per direction)", () => {
  it("shifts segments after a rewrite, not the rewritten one", () => {
    const flow = flowOf([
      ["USER a\r\n", 0],
      ["PORT ..\r\n", 8],
      ["LIST\r\n", 18],
    ]);
    expect(expectedAdjustedSeqs(flow, outcomeOf(flow, { 1: 2 }))).toEqual([0, 8, 20]);
  });
  it("does not count a retransmitted rewrite twice", () => {
    const flow = flowOf([
      ["PORT ..\r\n", 8],
      ["PORT ..\r\n", 8],
      ["LIST\r\n", 18],
    ]);
    expect(expectedAdjustedSeqs(flow, outcomeOf(flow, { 0: 2, 1: 2 }))).toEqual([8, 8, 20]);
  });
  it("forgets an older rewrite once a newer one is recorded", () => {
    const flow = flowOf([
      ["A", 10],
      ["B", 100],
      ["C", 5],
    ]);
    // Second rewrite moves the point to 100 with before = 2: a segment before both gets +2.
    expect(expectedAdjustedSeqs(flow, outcomeOf(flow, { 0: 2, 1: 2 }))).toEqual([10, 102, 7]);
  });
  it("ignores a rewrite earlier than the recorded point", () => {
    const flow = flowOf([
      ["B", 100],
      ["A", 50],
      ["C", 200],
    ]);
    expect(expectedAdjustedSeqs(flow, outcomeOf(flow, { 0: 2, 1: 3 }))).toEqual([100, 50, 202]);
  });
});

describe("rewrittenSpan", () => {
  it("is the part between the common prefix and suffix", () => {
    const span = rewrittenSpan(
      asciiBytes("PORT 10,0,0,2,4,1\r\n"),
      asciiBytes("PORT 198,51,100,1,4,1\r\n"),
    );
    expect(span).toEqual({ start: 6, inputEnd: 13, outputEnd: 17 });
  });
});
