// What a helper's benchmark suite declares: named workloads of segments, the connection
// they run on, and the reference spec model to compare with. One suite per helper
// (bench/<helper>.ts), listed in bench/registry.ts.

import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Dir, Flow, Outcome } from "../../helpers/core/model.ts";

/** The cheapest code that touches the same bytes: `prefix` reads the first bytes and the
 * last byte (what a helper that only checks a keyword at offset 0 must at least do);
 * `scan` runs Buffer.indexOf over every byte (what a helper that must search the segment
 * must at least do). */
export type FloorKind = "prefix" | "scan";

export interface BenchSegment {
  dir: Dir;
  data: Uint8Array;
  /** The helper drops it. The sender then retransmits at the same seq, so the stream
   * position does not advance (a dropped segment is not remembered). */
  drops?: boolean;
}

export interface Workload {
  /** Stable name: the baseline is keyed by it. */
  name: string;
  description: string;
  floor: FloorKind;
  /** Run the connection with source NAT, so the helper's rewrite half runs. */
  nat?: boolean;
  /** Fed once, untimed: puts the connection where the timed segments are parsed
   * (for FTP, a first segment per direction ending in "\n"). */
  prime: BenchSegment[];
  /** The timed segments, cycled in stream order. Each must leave the next one parsed. */
  packets: BenchSegment[];
  /** Expectations one cycle of `packets` creates: checked on the spec model and the fast
   * helper before anything is timed, so a workload cannot silently measure a path it
   * does not take. */
  expectationsPerCycle: number;
}

export interface BenchSuite {
  /** The helper's registry name. */
  name: string;
  helper: HelperDefinition;
  spec: (flow: Flow) => Outcome;
  /** The connection a workload runs on (endpoints, config, NAT), without segments. */
  connection(workload: Workload): Omit<Flow, "segments">;
  workloads: Workload[];
  /** Byte scaling: workloads whose timed segments are `size` bytes long. */
  sized(size: number): Workload[];
  /** Connection scaling: the per-connection traffic (typically the common case). */
  perConnection: Workload;
}

export function segmentBytes(segments: readonly BenchSegment[]): number {
  let total = 0;
  for (const s of segments) total += s.data.length;
  return total;
}
