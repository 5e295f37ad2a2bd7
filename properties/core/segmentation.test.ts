import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asciiBytes } from "./dialogue-flow.ts";
import {
  applyDelivery,
  cutOffsets,
  type LinePlan,
  type PlannedLine,
  segmentDialogue,
  segmentLines,
  toFlowSegments,
} from "./segmentation.ts";

const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const whole: LinePlan = { cuts: [], pipelineWithNext: false };
const line = (dir: "orig" | "reply", s: string, plan = whole): PlannedLine => ({
  dir,
  bytes: asciiBytes(s),
  plan,
});
const start = { orig: 0, reply: 0 };

describe("cutOffsets", () => {
  it("reaches every interior offset and only those", () => {
    const reached = new Set(Array.from({ length: 20 }, (_, c) => cutOffsets(6, [c])).flat());
    expect([...reached].sort()).toEqual([1, 2, 3, 4, 5]);
  });
  it("cannot cut a line shorter than two bytes", () => expect(cutOffsets(1, [0, 3])).toEqual([]));
});

describe("segmentLines", () => {
  it("gives each whole line its own segment at its stream offset", () => {
    const segments = segmentLines(
      [line("reply", "220 hi\r\n"), line("orig", "USER a\r\n"), line("orig", "PASV\r\n")],
      start,
    );
    expect(segments.map((s) => [s.dir, text(s.data), s.seq])).toEqual([
      ["reply", "220 hi\r\n", 0],
      ["orig", "USER a\r\n", 0],
      ["orig", "PASV\r\n", 8],
    ]);
  });
  it("pipelines a line with the next one of its direction, past the other direction", () => {
    const segments = segmentLines(
      [
        line("orig", "NOOP\r\n", { cuts: [], pipelineWithNext: true }),
        line("reply", "200 ok\r\n"),
        line("orig", "PASV\r\n"),
      ],
      start,
    );
    expect(segments.map((s) => text(s.data))).toEqual(["200 ok\r\n", "NOOP\r\nPASV\r\n"]);
  });
  it("cuts inside a line", () => {
    const segments = segmentLines(
      [line("orig", "PORT 1\r\n", { cuts: [0, 3], pipelineWithNext: false })],
      start,
    );
    expect(segments.map((s) => [text(s.data), s.seq])).toEqual([
      ["P", 0],
      ["ORT", 1],
      [" 1\r\n", 4],
    ]);
  });
});

describe("applyDelivery", () => {
  const base = segmentLines(
    [line("orig", "A\n"), line("orig", "B\n"), line("reply", "C\n")],
    start,
  );
  it("swaps a segment past the next one of its direction", () => {
    const out = applyDelivery(base, [{ kind: "swap", at: 0 }], start);
    expect(out.map((s) => [text(s.data), s.seq])).toEqual([
      ["B\n", 2],
      ["A\n", 0],
      ["C\n", 0],
    ]);
  });
  it("retransmits at the same seq, later, with the same or other bytes", () => {
    const out = applyDelivery(
      base,
      [{ kind: "retransmit", at: 0, later: 1, bytes: asciiBytes("P") }],
      start,
    );
    expect(out.map((s) => [text(s.data), s.seq])).toEqual([
      ["A\n", 0],
      ["B\n", 2],
      ["P", 0],
      ["C\n", 0],
    ]);
  });
  it("inserts an empty segment at its direction's next seq", () => {
    const out = applyDelivery(base, [{ kind: "empty", at: 2, dir: "orig" }], start);
    expect(out[2]).toEqual({ dir: "orig", data: new Uint8Array(0), seq: 4 });
  });
});

describe("toFlowSegments", () => {
  it("leaves out implied seqs and keeps the others", () => {
    const out = toFlowSegments(
      [
        { dir: "orig", data: asciiBytes("B\n"), seq: 2 },
        { dir: "orig", data: asciiBytes("A\n"), seq: 0 },
        { dir: "orig", data: asciiBytes("B\n"), seq: 2 },
      ],
      { ops: [], initialSeq: start, explicitSeqs: false },
    );
    expect(out.map((s) => s.seq)).toEqual([2, 0, undefined]);
  });
});

describe("segmentDialogue", () => {
  it("keeps every byte of each direction's stream, in order, when delivered in order", () => {
    const lineArb = fc.record({
      dir: fc.constantFrom("orig" as const, "reply" as const),
      bytes: fc.uint8Array({ maxLength: 10 }),
      plan: fc.record({
        cuts: fc.array(fc.nat(), { maxLength: 3 }),
        pipelineWithNext: fc.boolean(),
      }),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 8 }), (lines) => {
        const segments = segmentDialogue(lines, { ops: [], initialSeq: start, explicitSeqs: true });
        for (const dir of ["orig", "reply"] as const) {
          const sent = lines.filter((l) => l.dir === dir).flatMap((l) => [...l.bytes]);
          const got = segments.filter((s) => s.dir === dir).flatMap((s) => [...s.data]);
          expect(got).toEqual(sent);
        }
      }),
    );
  });
});
