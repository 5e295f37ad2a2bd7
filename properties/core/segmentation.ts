// Turns a dialogue (lines in conversation order, each with its own segmentation plan) into
// the segments of a flow: lines cut at any offset, pipelined with the next line of their
// direction, then delivered with retransmissions, reordering and empty segments.
// Pure functions: the arbitraries (line-plan.ts, delivery-ops.ts) only pick the plans.

import type { Dir, Segment } from "../../helpers/core/model.ts";
import { seqAdd } from "./sequence-space.ts";

export interface LinePlan {
  /** Raw cut choices; each lands on an interior offset of the line (1 … length-1). */
  cuts: number[];
  /** Send this line and the next line of its direction in one segment. */
  pipelineWithNext: boolean;
}

export interface PlannedLine {
  dir: Dir;
  bytes: Uint8Array;
  plan: LinePlan;
}

export type DeliveryOp =
  /** Send segment `at` again later, with the same bytes or with `bytes` at the same seq. */
  | { kind: "retransmit"; at: number; later: number; bytes: Uint8Array | null }
  /** Deliver segment `at` after the next segment of its direction (out of order). */
  | { kind: "swap"; at: number }
  /** A segment without payload (a bare ACK) at position `at`, at its direction's next seq. */
  | { kind: "empty"; at: number; dir: Dir };

export interface Delivery {
  ops: DeliveryOp[];
  /** Stream offset of each direction's first byte (near 2^32 to cross the wrap). */
  initialSeq: { orig: number; reply: number };
  /** Keep every seq explicit even where it is implied. */
  explicitSeqs: boolean;
}

interface SeqSegment {
  dir: Dir;
  data: Uint8Array;
  seq: number;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Interior cut offsets of a line of `length` bytes, sorted and distinct. */
export function cutOffsets(length: number, cuts: number[]): number[] {
  if (length < 2) return [];
  return [...new Set(cuts.map((c) => 1 + (c % (length - 1))))].sort((a, b) => a - b);
}

export function cutBytes(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const offset of offsets) {
    pieces.push(bytes.subarray(from, offset));
    from = offset;
  }
  pieces.push(bytes.subarray(from));
  return pieces;
}

/** Lines → in-order segments with explicit seqs. A pipelined line waits for the next line
 * of its direction and goes out with it, where that line stands in the conversation. */
export function segmentLines(
  lines: PlannedLine[],
  initialSeq: { orig: number; reply: number },
): SeqSegment[] {
  const next = { ...initialSeq };
  const waiting: Record<Dir, { bytes: Uint8Array[]; cuts: number[] }> = {
    orig: { bytes: [], cuts: [] },
    reply: { bytes: [], cuts: [] },
  };
  const segments: SeqSegment[] = [];
  const flush = (dir: Dir) => {
    const held = waiting[dir];
    const bytes = concat(held.bytes);
    for (const piece of cutBytes(bytes, held.cuts)) {
      segments.push({ dir, data: piece, seq: next[dir] });
      next[dir] = seqAdd(next[dir], piece.length);
    }
    waiting[dir] = { bytes: [], cuts: [] };
  };
  for (const line of lines) {
    const held = waiting[line.dir];
    const base = held.bytes.reduce((n, b) => n + b.length, 0);
    held.cuts.push(...cutOffsets(line.bytes.length, line.plan.cuts).map((c) => base + c));
    held.bytes.push(line.bytes);
    if (!line.plan.pipelineWithNext) flush(line.dir);
  }
  if (waiting.orig.bytes.length > 0) flush("orig");
  if (waiting.reply.bytes.length > 0) flush("reply");
  return segments.filter((s) => s.data.length > 0);
}

function nextSeqAt(segments: SeqSegment[], at: number, dir: Dir, initial: number): number {
  for (let i = at - 1; i >= 0; i--) {
    if (segments[i].dir === dir) return seqAdd(segments[i].seq, segments[i].data.length);
  }
  return initial;
}

export function applyDelivery(
  segments: SeqSegment[],
  ops: DeliveryOp[],
  initialSeq: { orig: number; reply: number },
): SeqSegment[] {
  const out = [...segments];
  for (const op of ops) {
    if (op.kind === "empty") {
      const at = op.at % (out.length + 1);
      const seq = nextSeqAt(out, at, op.dir, initialSeq[op.dir]);
      out.splice(at, 0, { dir: op.dir, data: new Uint8Array(0), seq });
      continue;
    }
    if (out.length === 0) continue;
    const at = op.at % out.length;
    if (op.kind === "retransmit") {
      const original = out[at];
      const to = at + 1 + (op.later % (out.length - at));
      out.splice(to, 0, { ...original, data: op.bytes ?? original.data });
    } else {
      const later = out.findIndex((s, i) => i > at && s.dir === out[at].dir);
      if (later === -1) continue;
      const [moved] = out.splice(at, 1);
      out.splice(later, 0, moved);
    }
  }
  return out;
}

/** Drops each seq that the model would imply anyway, unless asked to keep them. */
export function toFlowSegments(segments: SeqSegment[], delivery: Delivery): Segment[] {
  const next = { ...delivery.initialSeq };
  const seen = { orig: false, reply: false };
  return segments.map(({ dir, data, seq }) => {
    const implied = seen[dir] ? next[dir] : 0;
    seen[dir] = true;
    next[dir] = seqAdd(seq, data.length);
    return delivery.explicitSeqs || seq !== implied ? { dir, data, seq } : { dir, data };
  });
}

export function segmentDialogue(lines: PlannedLine[], delivery: Delivery): Segment[] {
  const ordered = segmentLines(lines, delivery.initialSeq);
  return toFlowSegments(applyDelivery(ordered, delivery.ops, delivery.initialSeq), delivery);
}
