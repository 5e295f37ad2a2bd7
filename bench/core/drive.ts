// Runs one workload packet by packet on one live connection, the way conntrack would hand
// segments to the helper, plus the floor loop over the very same packets.

import { addressFamily } from "../../helpers/core/address.ts";
import { conntrackOf, normalizeSegments, runFlow } from "../../helpers/core/driver.ts";
import { expectationTableFor } from "../../helpers/core/expectation-table.ts";
import type {
  ConnectionContext,
  HelperDefinition,
  HelperPolicy,
  Packet,
} from "../../helpers/core/helper.ts";
import type { Dir, Flow, Outcome, Segment } from "../../helpers/core/model.ts";
import type { BenchSuite, Workload } from "./workload.ts";

interface TimedPacket extends Packet {
  /** 0 = orig, 1 = reply: an index into the per-direction cursors. */
  way: number;
  /** How far the stream moves after this packet (0 for a drop: it is retransmitted). */
  advance: number;
  buffer: Buffer;
}

const ABSENT_BYTE = 0x00;

function way(dir: Dir): number {
  return dir === "orig" ? 0 : 1;
}

/** A fresh connection of the suite's helper, primed with the workload's first segments. */
export function openConnection(
  suite: BenchSuite,
  workload: Workload,
  helper: HelperDefinition = suite.helper,
): { context: ConnectionContext<unknown, unknown>; cursors: Uint32Array } {
  const flow: Flow = { ...suite.connection(workload), segments: workload.prime };
  const family = addressFamily(flow.client.addr) ?? 4;
  const conntrack = conntrackOf(flow, family);
  const config = helper.parseConfig(flow.config);
  const context: ConnectionContext<unknown, unknown> = {
    conntrack,
    config,
    state: helper.newState(conntrack, config),
    expectations: expectationTableFor(helper.policy),
  };
  const cursors = new Uint32Array(2);
  for (const segment of normalizeSegments(flow)) {
    helper.process(context, segment);
    cursors[way(segment.dir)] = segment.seq + segment.data.length;
  }
  return { context, cursors };
}

export class WorkloadDriver {
  readonly packetsPerCycle: number;
  readonly bytesPerCycle: number;
  private readonly helper: HelperDefinition;
  private readonly context: ConnectionContext<unknown, unknown>;
  private readonly packets: TimedPacket[];
  private readonly cursors: Uint32Array;
  private readonly floorCursors = new Uint32Array(2);
  private readonly scans: boolean;
  private readonly policy: HelperPolicy;
  private next = 0;
  private floorNext = 0;

  constructor(suite: BenchSuite, workload: Workload, helper: HelperDefinition = suite.helper) {
    this.helper = helper;
    const { context, cursors } = openConnection(suite, workload, helper);
    this.context = context;
    this.cursors = cursors;
    this.floorCursors.set(cursors);
    this.scans = workload.floor === "scan";
    this.policy = helper.policy;
    this.packets = workload.packets.map((s) => ({
      dir: s.dir,
      seq: 0,
      data: s.data,
      way: way(s.dir),
      advance: s.drops ? 0 : s.data.length,
      buffer: Buffer.from(s.data.buffer, s.data.byteOffset, s.data.byteLength),
    }));
    this.packetsPerCycle = this.packets.length;
    this.bytesPerCycle = this.packets.reduce((n, p) => n + p.data.length, 0);
  }

  /** Processes n packets; returns a value that depends on every result so the work
   * cannot be optimized away. */
  run(n: number): number {
    // A fresh table per batch keeps memory flat: the table records every creation.
    this.context.expectations = expectationTableFor(this.policy);
    const { packets, cursors, context, helper } = this;
    let i = this.next;
    let sink = 0;
    for (let k = 0; k < n; k++) {
      const p = packets[i];
      const seq = cursors[p.way];
      p.seq = seq;
      const result = helper.process(context, p);
      cursors[p.way] = seq + p.advance;
      sink += result.data === undefined ? p.advance : result.data.length;
      if (++i === packets.length) i = 0;
    }
    this.next = i;
    return sink;
  }

  /** The floor over the same packets with the same stream bookkeeping. */
  floor(n: number): number {
    const { packets, floorCursors: cursors } = this;
    let i = this.floorNext;
    let sink = 0;
    if (this.scans) {
      for (let k = 0; k < n; k++) {
        const p = packets[i];
        const seq = cursors[p.way];
        p.seq = seq;
        const d = p.data;
        sink += p.buffer.indexOf(ABSENT_BYTE) + d[0] + d[d.length - 1];
        cursors[p.way] = seq + p.advance;
        if (++i === packets.length) i = 0;
      }
    } else {
      for (let k = 0; k < n; k++) {
        const p = packets[i];
        const seq = cursors[p.way];
        p.seq = seq;
        const d = p.data;
        sink += d[0] + d[1] + d[2] + d[3] + d[d.length - 1];
        cursors[p.way] = seq + p.advance;
        if (++i === packets.length) i = 0;
      }
    }
    this.floorNext = i;
    return sink;
  }
}

/** The flow the driver plays: the primes, then `cycles` rounds of the timed packets at
 * the positions the driver gives them. */
export function benchFlow(suite: BenchSuite, workload: Workload, cycles: number): Flow {
  const segments: Segment[] = workload.prime.map((s) => ({ dir: s.dir, data: s.data }));
  const cursors = [0, 0];
  for (const s of workload.prime) cursors[way(s.dir)] += s.data.length;
  for (let c = 0; c < cycles; c++) {
    for (const s of workload.packets) {
      const w = way(s.dir);
      segments.push({ dir: s.dir, data: s.data, seq: cursors[w] >>> 0 });
      if (!s.drops) cursors[w] += s.data.length;
    }
  }
  return { ...suite.connection(workload), segments };
}

/** What one cycle of a workload must do, checked on an outcome of benchFlow. */
function problems(workload: Workload, outcome: Outcome, cycles: number, primeExpectations: number) {
  const found: string[] = [];
  const timed = outcome.segments.slice(workload.prime.length);
  timed.forEach((segment, index) => {
    const packet = workload.packets[index % workload.packets.length];
    const wanted = packet.drops ? "drop" : "accept";
    if (segment.verdict !== wanted) {
      found.push(`timed segment ${index} was ${segment.verdict}ed, the workload says ${wanted}`);
    }
  });
  const made = outcome.expectations.length - primeExpectations;
  if (made !== workload.expectationsPerCycle * cycles) {
    found.push(
      `${made} expectations over ${cycles} cycles, the workload says ${workload.expectationsPerCycle} a cycle`,
    );
  }
  return found.slice(0, 3);
}

/** Throws unless both the spec model and the fast helper take the path the workload
 * claims: a benchmark of the wrong path is worse than none. */
export function checkWorkload(suite: BenchSuite, workload: Workload, cycles = 2): void {
  const primeOnly = benchFlow(suite, workload, 0);
  const flow = benchFlow(suite, workload, cycles);
  const targets: [string, (f: Flow) => Outcome][] = [
    ["spec", suite.spec],
    ["fast", (f) => runFlow(suite.helper, f)],
  ];
  for (const [name, run] of targets) {
    const found = problems(workload, run(flow), cycles, run(primeOnly).expectations.length);
    if (found.length > 0) {
      throw new Error(`${suite.name}/${workload.name} on the ${name} target: ${found.join("; ")}`);
    }
  }
}
