// What a NAT box did, from captures of both its sides, against what the model does with
// the same input: per segment the verdict (forwarded or not), the payload, the seq and
// the ack. Only what a helper is responsible for is compared: ports, IP IDs, TTLs,
// checksums, windows and TCP options are the box's own business. The expected ack is the
// kernel's nf_conntrack_seqadj rule applied to the model's rewrites (each length change
// recorded at the rewritten segment's seq, undone on the other direction's acks); SACK
// blocks, bare ACKs, SYNs and FINs carry no payload and are not compared.

import type { Dir, Outcome, Verdict } from "../../helpers/core/model.ts";
import { SequenceAdjust } from "../../helpers/core/sequence-adjust.ts";
import { type AlignItem, alignSegments } from "./align-segments.ts";
import type { CapturedSegment } from "./conversations.ts";
import { segmentKey, type TwoSidedFlow } from "./two-sided-flow.ts";

/** What the model forwards for one input segment. */
export interface ModelSegment {
  verdict: Verdict;
  data: Uint8Array;
  seq: number;
  /** The ack as the model's sequence adjustment forwards it; null when the input has none. */
  ack: number | null;
}

export type SegmentDifference =
  | { field: "verdict"; model: Verdict; box: Verdict }
  | { field: "data"; model: Uint8Array; box: Uint8Array; firstDifferentByte: number }
  | { field: "seq"; model: number; box: number }
  | { field: "ack"; model: number; box: number };

export interface SegmentComparison {
  /** The segment's index in the two-sided flow (the case made from the captures). */
  index: number;
  dir: Dir;
  /** As the box received it: the client side for orig, the server side for reply. */
  input: CapturedSegment;
  model: ModelSegment;
  /** As the box sent it (the other side), or null when that side shows none. */
  box: CapturedSegment | null;
  differences: SegmentDifference[];
}

export interface TwoSidedComparison {
  segments: SegmentComparison[];
  /** Segments the box sent that no input segment accounts for. */
  extra: { dir: Dir; segment: CapturedSegment }[];
  matched: boolean;
}

/** The captured side a direction's input is on, and the side its output is on. */
export function sidesOf(dir: Dir): { input: "client" | "server"; output: "client" | "server" } {
  return dir === "orig"
    ? { input: "client", output: "server" }
    : { input: "server", output: "client" };
}

function modelSegments(built: TwoSidedFlow, outcome: Outcome): ModelSegment[] {
  const tcp = built.flow.l4 === "tcp";
  const seqadj = new SequenceAdjust();
  return built.inputs.map((input, i) => {
    const result = outcome.segments[i];
    const ack = tcp && input.ack !== null ? seqadj.adjustAck(input.dir, input.ack) : null;
    if (tcp && result.verdict === "accept" && result.data.length !== input.data.length) {
      seqadj.record(input.dir, input.seq, result.data.length - input.data.length);
    }
    return { verdict: result.verdict, data: result.data, seq: result.seq, ack };
  });
}

function firstDifferentByte(a: Uint8Array, b: Uint8Array): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i === a.length && i === b.length ? -1 : i;
}

function differencesOf(
  model: ModelSegment,
  box: CapturedSegment | null,
  tcp: boolean,
): SegmentDifference[] {
  if (box === null) {
    return model.verdict === "accept" ? [{ field: "verdict", model: "accept", box: "drop" }] : [];
  }
  if (model.verdict === "drop") return [{ field: "verdict", model: "drop", box: "accept" }];
  const differences: SegmentDifference[] = [];
  const at = firstDifferentByte(model.data, box.data);
  if (at >= 0)
    differences.push({ field: "data", model: model.data, box: box.data, firstDifferentByte: at });
  if (tcp && model.seq !== box.seq)
    differences.push({ field: "seq", model: model.seq, box: box.seq });
  if (tcp && model.ack !== null && box.ack !== null && model.ack !== box.ack) {
    differences.push({ field: "ack", model: model.ack, box: box.ack });
  }
  return differences;
}

/** Compares the box's side of `built` (its orig segments on the server side, its reply
 * segments on the client side) with the model's outcome for built.flow. */
export function compareTwoSided(built: TwoSidedFlow, outcome: Outcome): TwoSidedComparison {
  const { serverSideOrig } = built;
  if (outcome.segments.length !== built.inputs.length) {
    throw new Error(
      `the outcome has ${outcome.segments.length} segments for a flow of ${built.inputs.length}`,
    );
  }
  const tcp = built.flow.l4 === "tcp";
  const model = modelSegments(built, outcome);

  // Orig segments pair against what the model forwards: where box and model agree, the
  // pairing is exact, so a disagreement stays on the segment it is about.
  const origIndexes = built.inputs.flatMap((s, i) => (s.dir === "orig" ? [i] : []));
  const expected: AlignItem[] = origIndexes.map((i) =>
    model[i].verdict === "accept"
      ? { key: segmentKey(model[i].seq, model[i].data) }
      : { key: null, optional: true },
  );
  const origPairs = alignSegments(
    expected,
    serverSideOrig.map((s) => ({ key: segmentKey(s.seq, s.data) })),
  );
  const outputs = [...built.replyOutputs];
  origIndexes.forEach((i, k) => {
    const j = origPairs[k];
    outputs[i] = j === null ? null : serverSideOrig[j];
  });

  const segments = built.inputs.map((input, index) => {
    const box = outputs[index] ?? null;
    return {
      index,
      dir: input.dir,
      input,
      model: model[index],
      box,
      differences: differencesOf(model[index], box, tcp),
    };
  });
  const pairedOrig = new Set(origPairs.filter((j) => j !== null));
  const extra = [
    ...serverSideOrig.flatMap((segment, j) =>
      pairedOrig.has(j) ? [] : [{ dir: "orig" as const, segment }],
    ),
    ...built.unexplainedReplies.map((segment) => ({ dir: "reply" as const, segment })),
  ];
  const matched = extra.length === 0 && segments.every((s) => s.differences.length === 0);
  return { segments, extra, matched };
}
