// How a campaign is cut into work that does not depend on how it is spread: each property's
// runs are fixed chunks (runner.ts CHUNK_RUNS flows, each with a seed derived from the
// campaign seed and the chunk index), whichever worker or shard checks them. A property's
// result is its chunks combined in index order up to the first one that ended it (a failure,
// the harness's trouble, a skip), so 1 or 8 workers, 1 or 4 shards, give the same findings
// and counts.

import type { PropertyResult } from "./runner.ts";
import { chunkSeed } from "./runner.ts";

/** One shard of a campaign: `index` from 0 (spelled 1-based on the command line). */
export interface Shard {
  index: number;
  count: number;
}

/** Whether chunk `chunk` of property `property` (its plan index) is this shard's. Offset by
 * the property so that properties of fewer chunks than shards still spread. */
export function ownsChunk(shard: Shard | undefined, property: number, chunk: number): boolean {
  return shard === undefined || (property + chunk) % shard.count === shard.index;
}

/** What the report keeps of one checked chunk. */
export interface ChunkRecord {
  index: number;
  seed: number;
  runs: number;
  durationMs: number;
  /** Why it ended the property, when it did. */
  ended?: "failure" | "harness error" | "skipped" | "time" | "cut";
}

/** A chunk's result as a worker returns it. */
export interface CheckedChunk {
  index: number;
  result: PropertyResult;
}

/** Whether the chunk ends its property: nothing after it counts. */
export function endsProperty(result: PropertyResult): boolean {
  return (
    result.failure !== undefined ||
    result.harnessError !== undefined ||
    result.skipped !== undefined
  );
}

export function chunkRecord(chunk: CheckedChunk, campaignSeed: number): ChunkRecord {
  const { result } = chunk;
  const ended = result.failure
    ? "failure"
    : result.harnessError !== undefined
      ? "harness error"
      : result.skipped !== undefined
        ? "skipped"
        : result.timedOut
          ? "time"
          : undefined;
  return {
    index: chunk.index,
    seed: chunkSeed(campaignSeed, chunk.index),
    runs: result.runs,
    durationMs: result.durationMs,
    ...(ended ? { ended } : {}),
  };
}

/** The chunks that count, in order: every one before the first that ends the property, and
 * that one. */
export function countedChunks<T extends { index: number }>(
  chunks: T[],
  ends: (chunk: T) => boolean,
): T[] {
  const sorted = [...chunks].sort((a, b) => a.index - b.index);
  const end = sorted.findIndex(ends);
  return end === -1 ? sorted : sorted.slice(0, end + 1);
}

/** A property's result from its checked chunks (any order, any that count): runs and time
 * summed, the verdict of the chunk that ended it. */
export function combineChunks(
  chunks: CheckedChunk[],
  base: { property: string; target: string; seed: number },
): { result: PropertyResult; records: ChunkRecord[] } {
  const counted = countedChunks(chunks, (c) => endsProperty(c.result));
  const result: PropertyResult = { ...base, runs: 0, durationMs: 0, timedOut: false };
  for (const { result: part } of counted) {
    result.runs += part.runs;
    result.durationMs += part.durationMs;
    if (part.timedOut) result.timedOut = true;
    if (part.failure) result.failure = part.failure;
    if (part.harnessError !== undefined) result.harnessError = part.harnessError;
    if (part.skipped !== undefined) result.skipped = part.skipped;
  }
  return { result, records: counted.map((c) => chunkRecord(c, base.seed)) };
}
