// The two scaling tables: cost per byte as segments grow (a rescan would show up as a
// per-byte cost that grows with the size) and cost per packet as live connections grow
// (the per-connection state lookup must stay flat).

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expectationTableFor } from "../../helpers/core/expectation-table.ts";
import type { ConnectionContext, Packet } from "../../helpers/core/helper.ts";
import { openConnection, WorkloadDriver } from "./drive.ts";
import { type MeasureSettings, measureRatio } from "./measure.ts";
import type { BenchSuite } from "./workload.ts";

export const SEGMENT_SIZES = [64, 256, 1024, 4096, 16384, 65536] as const;
export const CONNECTION_COUNTS = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000] as const;

export interface ByteScalingRow {
  size: number;
  /** workload name → ns per byte */
  nsPerByte: Record<string, number>;
  /** Buffer.indexOf over the same bytes, ns per byte. */
  indexOfNsPerByte: number;
}

export function byteScaling(
  suite: BenchSuite,
  settings: MeasureSettings,
  sizes: readonly number[] = SEGMENT_SIZES,
): ByteScalingRow[] {
  return sizes.map((size) => {
    const row: ByteScalingRow = { size, nsPerByte: {}, indexOfNsPerByte: 0 };
    const floors: number[] = [];
    for (const workload of suite.sized(size)) {
      // The scan floor is indexOf over the same bytes whatever the workload's own floor.
      const driver = new WorkloadDriver(suite, { ...workload, floor: "scan" });
      const m = measureRatio(
        (n) => driver.run(n),
        (n) => driver.floor(n),
        settings,
      );
      const bytes = driver.bytesPerCycle / driver.packetsPerCycle;
      row.nsPerByte[workload.name] = m.nsPerUnit / bytes;
      floors.push(m.floorNsPerUnit / bytes);
    }
    row.indexOfNsPerByte = Math.min(...floors);
    return row;
  });
}

/** Per-byte cost growth from the first size at or above 1 KiB to the largest: about 1 for
 * linear work; a rescan per line or per byte makes it grow with the size. */
export function perByteGrowth(rows: readonly ByteScalingRow[], workload: string): number {
  const from = rows.find((r) => r.size >= 1024) ?? rows[0];
  const to = rows[rows.length - 1];
  return to.nsPerByte[workload] / from.nsPerByte[workload];
}

export interface ConnectionScalingRow {
  connections: number;
  nsPerPacket: number;
  /** The same loop with the helper call left out: the connection table lookup and the
   * stream bookkeeping, which no helper can make flat (a random entry of a table far
   * larger than the caches is a miss whatever it holds). */
  lookupNsPerPacket: number;
  /** Heap held by the helper's per-connection state alone, bytes. */
  stateBytesPerConnection: number;
  /** Heap held per live connection by the state plus the table entry and its context. */
  heapBytesPerConnection: number;
}

/** A connection id as conntrack would hash it: spread over 32 bits, not 0..n-1. */
function connectionId(index: number): number {
  return Math.imul(index + 1, 0x9e3779b1) >>> 0;
}

let collectGarbage: (() => void) | undefined;

/** Heap in use after a full collection, so per-connection bytes are not garbage. */
function heapUsed(): number {
  if (collectGarbage === undefined) {
    setFlagsFromString("--expose-gc");
    collectGarbage = runInNewContext("gc") as () => void;
  }
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

type Context = ConnectionContext<unknown, unknown>;

function oneCount(suite: BenchSuite, count: number, settings: MeasureSettings) {
  const workload = suite.perConnection;
  const helper = suite.helper;
  // Conntrack, config and the expectation sink are shared: only the helper's per-connection
  // state is what is being scaled, and a million copies of the rest would only measure
  // the garbage collector.
  const base = openConnection(suite, workload);
  const shared = {
    conntrack: base.context.conntrack,
    config: base.context.config,
    expectations: expectationTableFor(helper.policy),
  };
  const before = heapUsed();
  const states: unknown[] = new Array(count);
  for (let i = 0; i < count; i++) states[i] = helper.newState(shared.conntrack, shared.config);
  const afterStates = heapUsed();
  // Keyed by id, valued by the context itself: packet i's connection is ids[i], and its
  // stream cursors sit at 2·i, so the table holds nothing a lookup does not need.
  const table = new Map<number, Context>();
  const ids = new Uint32Array(count);
  const cursors = new Uint32Array(2 * count);
  for (let i = 0; i < count; i++) {
    const context: Context = { ...shared, state: states[i] };
    const opened = primeState(suite, context);
    cursors[2 * i] = opened[0];
    cursors[2 * i + 1] = opened[1];
    ids[i] = connectionId(i);
    table.set(ids[i], context);
  }
  states.length = 0;
  const heapBytesPerConnection = Math.max(0, heapUsed() - before) / count;
  const stateBytesPerConnection = Math.max(0, afterStates - before) / count;
  const packets: (Packet & { way: number })[] = workload.packets.map((s) => ({
    dir: s.dir,
    seq: 0,
    data: s.data,
    way: s.dir === "orig" ? 0 : 1,
  }));
  let pick = 12345;
  let next = 0;
  const loop =
    (callHelper: boolean) =>
    (n: number): number => {
      let sink = 0;
      for (let k = 0; k < n; k++) {
        // A cheap LCG spreads packets over all connections, as unrelated flows do.
        pick = (Math.imul(pick, 1103515245) + 12345) >>> 0;
        const index = pick % count;
        const context = table.get(ids[index])!;
        const p = packets[next];
        const slot = 2 * index + p.way;
        p.seq = cursors[slot];
        if (callHelper) {
          const result = helper.process(context, p);
          if (result.verdict === "accept") cursors[slot] = p.seq + p.data.length;
        } else if (context.state !== null) {
          cursors[slot] = p.seq + p.data.length;
        }
        sink += cursors[slot];
        if (++next === packets.length) next = 0;
      }
      return sink;
    };
  // The lookup-only loop is the floor here, timed back to back with the full loop in every
  // round: at a million connections both are dominated by memory latency, which a shared
  // machine varies from one second to the next, and only a same-round pair cancels it.
  const m = measureRatio(loop(true), loop(false), settings);
  return {
    connections: count,
    nsPerPacket: m.nsPerUnit,
    lookupNsPerPacket: m.floorNsPerUnit,
    stateBytesPerConnection,
    heapBytesPerConnection,
  };
}

/** Feeds the workload's primes to a context; returns the per-direction cursors. */
function primeState(suite: BenchSuite, context: ConnectionContext<unknown, unknown>): number[] {
  const cursors = [0, 0];
  for (const s of suite.perConnection.prime) {
    const way = s.dir === "orig" ? 0 : 1;
    suite.helper.process(context, { dir: s.dir, seq: cursors[way], data: s.data });
    cursors[way] += s.data.length;
  }
  return cursors;
}

export function connectionScaling(
  suite: BenchSuite,
  settings: MeasureSettings,
  counts: readonly number[] = CONNECTION_COUNTS,
): ConnectionScalingRow[] {
  return counts.map((count) => oneCount(suite, count, settings));
}
