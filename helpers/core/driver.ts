// Plays conntrack around a fast helper: builds the connection from a flow, feeds the
// segments one by one, keeps the expectation table, and applies NAT rewrites and sequence
// adjustment after the helper, as the kernel does.

import { addressFamily, canonicalAddress } from "./address.ts";
import { expectationTableFor } from "./expectation-table.ts";
import type { Conntrack, Family, HelperDefinition } from "./helper.ts";
import {
  type Dir,
  type Expectation,
  type Flow,
  FlowError,
  type Outcome,
  type SegmentOutcome,
  type Trace,
} from "./model.ts";
import { SequenceAdjust } from "./sequence-adjust.ts";

export interface NormalizedSegment {
  dir: Dir;
  data: Uint8Array;
  seq: number;
}

function checkPort(what: string, port: unknown): void {
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FlowError(`${what} port must be an integer 0..65535, got ${JSON.stringify(port)}`);
  }
}

function familyOf(what: string, addr: unknown): Family {
  if (typeof addr !== "string") {
    throw new FlowError(`${what} address must be a string, got ${JSON.stringify(addr)}`);
  }
  const family = addressFamily(addr);
  if (family === null) throw new FlowError(`${what} address is not an address: "${addr}"`);
  return family;
}

/** Checks everything about a flow that does not depend on the helper; returns its family. */
function validateFlow(helper: HelperDefinition, flow: Flow): Family {
  if (flow.helper !== helper.name) {
    throw new FlowError(`flow is for helper "${flow.helper}", not "${helper.name}"`);
  }
  const transports = helper.transports ?? [helper.l4];
  if (!transports.includes(flow.l4)) {
    throw new FlowError(
      `helper "${helper.name}" runs on ${transports.join(" or ")}, flow says ${flow.l4}`,
    );
  }
  const family = familyOf("client", flow.client?.addr);
  if (familyOf("server", flow.server?.addr) !== family) {
    throw new FlowError("client and server addresses are not of one family");
  }
  checkPort("client", flow.client.port);
  checkPort("server", flow.server.port);
  if (flow.nat !== undefined && familyOf("nat client", flow.nat?.client?.addr) !== family) {
    throw new FlowError(`nat client address is not IPv${family} like the connection`);
  }
  if (!helper.families.includes(family)) {
    throw new FlowError(`helper "${helper.name}" does not support IPv${family}`);
  }
  if (!Array.isArray(flow.segments)) throw new FlowError("flow.segments must be an array");
  return family;
}

/** Fills absent seqs: right after the previous segment of the same direction (first 0). */
export function normalizeSegments(flow: Flow): NormalizedSegment[] {
  const next = { orig: 0, reply: 0 };
  return flow.segments.map((segment, index) => {
    if (segment.dir !== "orig" && segment.dir !== "reply") {
      throw new FlowError(`segment ${index}: dir must be "orig" or "reply"`);
    }
    if (!(segment.data instanceof Uint8Array)) {
      throw new FlowError(`segment ${index}: data must be a Uint8Array`);
    }
    let seq = next[segment.dir];
    if (segment.seq !== undefined) {
      const s = segment.seq;
      if (typeof s !== "number" || !Number.isInteger(s) || s < 0 || s > 0xffff_ffff) {
        throw new FlowError(`segment ${index}: seq must be an integer 0..2^32-1`);
      }
      seq = s;
    }
    next[segment.dir] = (seq + segment.data.length) >>> 0;
    return { dir: segment.dir, data: segment.data, seq };
  });
}

/** The conntrack entry as the kernel holds it once source NAT is set up. */
export function conntrackOf(flow: Flow, family: Family): Conntrack {
  const client = canonicalAddress(flow.client.addr);
  const server = canonicalAddress(flow.server.addr);
  const seenClient = flow.nat ? canonicalAddress(flow.nat.client.addr) : client;
  return {
    l4: flow.l4,
    family,
    orig: { src: client, sport: flow.client.port, dst: server, dport: flow.server.port },
    reply: { src: server, sport: flow.server.port, dst: seenClient, dport: flow.client.port },
    // SNAT onto the client's own address leaves the tuple unchanged, and the kernel then
    // never sets IPS_SRC_NAT: no rewrite (measured on 6.18.44).
    natted: seenClient !== client,
  };
}

function run(helper: HelperDefinition, flow: Flow, live: Expectation[][] | null): Outcome {
  const family = validateFlow(helper, flow);
  const segments = normalizeSegments(flow);
  const config = helper.parseConfig(flow.config);
  const conntrack = conntrackOf(flow, family);
  const table = expectationTableFor(helper.policyFor?.(config) ?? helper.policy);
  const connection = {
    conntrack,
    config,
    state: helper.newState(conntrack, config),
    expectations: table,
  };
  const seqadj = new SequenceAdjust();
  const tracksSeq = flow.l4 === "tcp";
  const outcomes: SegmentOutcome[] = [];
  for (const segment of segments) {
    const result = helper.process(connection, segment);
    if (result.verdict === "drop") {
      outcomes.push({ verdict: "drop", data: segment.data, seq: segment.seq });
    } else if (result.verdict !== "accept") {
      // An author's helper that answers anything else has broken its contract: said, not
      // read as an accept.
      throw new Error(
        `the ${helper.name} helper's process() answered verdict ${JSON.stringify(result.verdict)} (must be "accept" or "drop")`,
      );
    } else {
      const data = result.data ?? segment.data;
      const delta = result.seqAdjust ?? data.length - segment.data.length;
      if (tracksSeq && delta !== 0) seqadj.record(segment.dir, segment.seq, delta);
      outcomes.push({
        verdict: "accept",
        data,
        seq: tracksSeq ? seqadj.adjust(segment.dir, segment.seq) : segment.seq,
      });
    }
    live?.push(table.live());
  }
  return { expectations: table.created, segments: outcomes };
}

export function runFlow(helper: HelperDefinition, flow: Flow): Outcome {
  return run(helper, flow, null);
}

/** runFlow plus the table's live expectations after each segment. */
export function traceFlow(helper: HelperDefinition, flow: Flow): Trace {
  const liveAfter: Expectation[][] = [];
  const outcome = run(helper, flow, liveAfter);
  return { outcome, liveAfter };
}
