import { describe, expect, it } from "vitest";
import type { Dir, Expectation, Segment } from "../core/model.ts";
import { ExpectationList } from "./expectation-list.ts";
import { type HelperResult, traceSegments } from "./segment-loop.ts";
import { SequenceAdjustment } from "./sequence-adjustment.ts";
import { spliceText } from "./splice-text.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);
const segment = (dir: Dir, data: string, seq?: number): Segment => ({
  dir,
  data: bytes(data),
  ...(seq === undefined ? {} : { seq }),
});
const pinhole = (dport: number): Expectation => ({
  l4: "tcp",
  src: null,
  sport: null,
  dst: "10.0.0.2",
  dport,
});

/** A toy helper: "X" drops, "E<n>" expects port n, "GROW" is rewritten one byte longer. */
function toyLoop(withAdjustment: boolean) {
  const expectations = new ExpectationList(1);
  const sequenceAdjustment = { orig: new SequenceAdjustment(), reply: new SequenceAdjustment() };
  const help = (dir: Dir, seq: number, data: Uint8Array): HelperResult => {
    const line = text(data);
    if (line === "X") return { verdict: "drop", data };
    if (line.startsWith("E")) expectations.insert(pinhole(Number(line.slice(1))));
    if (line !== "GROW") return { verdict: "accept", data };
    const rewritten = spliceText(data, 0, 4, "GROWN");
    sequenceAdjustment[dir].record(seq, rewritten.length - data.length);
    return { verdict: "accept", data: rewritten };
  };
  return withAdjustment ? { help, expectations, sequenceAdjustment } : { help, expectations };
}

describe("traceSegments", () => {
  it("one outcome per segment: drops keep input bytes and seq, accepts are adjusted", () => {
    const { outcome } = traceSegments(
      [segment("orig", "GROW"), segment("orig", "X"), segment("orig", "ab"), segment("reply", "c")],
      toyLoop(true),
    );
    expect(outcome.segments.map((s) => [s.verdict, text(s.data), s.seq])).toEqual([
      ["accept", "GROWN", 0],
      ["drop", "X", 4],
      ["accept", "ab", 6],
      ["accept", "c", 0],
    ]);
  });
  it("without sequence adjustment an accepted segment keeps its input seq", () => {
    const { outcome } = traceSegments(
      [segment("orig", "GROW"), segment("orig", "ab", 2 ** 32 + 4)],
      toyLoop(false),
    );
    expect(outcome.segments.map((s) => [text(s.data), s.seq])).toEqual([
      ["GROWN", 0],
      ["ab", 4],
    ]);
  });
  it("records every creation and the live expectations after each segment", () => {
    const trace = traceSegments(
      [segment("orig", "E1"), segment("orig", "E2"), segment("reply", "c")],
      toyLoop(true),
    );
    expect(trace.outcome.expectations).toEqual([pinhole(1), pinhole(2)]);
    expect(trace.liveAfter).toEqual([[pinhole(1)], [pinhole(2)], [pinhole(2)]]);
  });
  it("outcomes are copies: changing one leaves the input alone", () => {
    const input = [segment("orig", "ab")];
    const { outcome } = traceSegments(input, toyLoop(true));
    outcome.segments[0].data[0] = 0x7a;
    expect(text(input[0].data)).toBe("ab");
  });
});
