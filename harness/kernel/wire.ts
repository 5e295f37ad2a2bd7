// Protocol v1 (DESIGN.md) as the kernel agent speaks it: a flow out, with every seq filled
// in, and an outcome back, checked field by field so a broken agent cannot slip bad data in.

import { type Expectation, type Flow, FlowError, type Outcome } from "../../helpers/core/model.ts";

export interface WireSegment {
  dir: "orig" | "reply";
  seq: number;
  data: string;
}

export interface WireFlow extends Omit<Flow, "segments"> {
  segments: WireSegment[];
}

/** seq absent = right after the previous segment of the same direction (DESIGN.md). */
export function flowToWire(flow: Flow): WireFlow {
  const next = { orig: 0, reply: 0 };
  const segments = flow.segments.map((segment) => {
    const seq = (segment.seq ?? next[segment.dir]) >>> 0;
    next[segment.dir] = (seq + segment.data.length) >>> 0;
    return { dir: segment.dir, seq, data: Buffer.from(segment.data).toString("base64") };
  });
  return { ...flow, segments };
}

function fail(what: string): never {
  throw new Error(`kernel agent answered a malformed outcome: ${what}`);
}

function port(value: unknown, what: string): number | null {
  if (value === null) return null;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 65535) {
    return value;
  }
  return fail(`${what} ${JSON.stringify(value)}`);
}

function expectationFromWire(value: unknown): Expectation {
  const e = value as Record<string, unknown>;
  if (typeof e !== "object" || e === null) fail("expectation is not an object");
  if (e.l4 !== "tcp" && e.l4 !== "udp" && e.l4 !== "gre")
    fail(`expectation l4 ${JSON.stringify(e.l4)}`);
  if (e.src !== null && typeof e.src !== "string") fail("expectation src");
  if (typeof e.dst !== "string") fail("expectation dst");
  const dport = port(e.dport, "expectation dport");
  if (dport === null) fail("expectation dport is null");
  const expectation: Expectation = {
    l4: e.l4,
    src: e.src,
    sport: port(e.sport, "expectation sport"),
    dst: e.dst,
    dport,
  };
  // The agent reports a source mask (prefix length) and the PERMANENT flag only when set.
  if (e.srcMask !== undefined && e.srcMask !== null) {
    if (typeof e.srcMask !== "number" || !Number.isInteger(e.srcMask) || e.srcMask < 0)
      fail(`expectation srcMask ${JSON.stringify(e.srcMask)}`);
    expectation.srcMask = e.srcMask;
  }
  if (e.permanent === true) expectation.permanent = true;
  return expectation;
}

/** The expectations the agent saw live once the flow's last segment was done (every NEW
 * event not followed by a DESTROY of the same expectation). */
export function liveAtEndFromWire(value: unknown): Expectation[] {
  const live = (value as { liveAtEnd?: unknown }).liveAtEnd;
  if (!Array.isArray(live)) fail("liveAtEnd is not an array");
  return live.map(expectationFromWire);
}

export function outcomeFromWire(value: unknown, segmentCount: number): Outcome {
  const o = value as { expectations?: unknown; segments?: unknown };
  if (typeof o !== "object" || o === null) fail("outcome is not an object");
  if (!Array.isArray(o.expectations) || !Array.isArray(o.segments)) fail("missing arrays");
  if (o.segments.length !== segmentCount) {
    fail(`${o.segments.length} segment outcomes for ${segmentCount} segments`);
  }
  return {
    expectations: o.expectations.map(expectationFromWire),
    segments: o.segments.map((s: { verdict?: unknown; seq?: unknown; data?: unknown }) => {
      if (s.verdict !== "accept" && s.verdict !== "drop") fail(`verdict ${String(s.verdict)}`);
      if (typeof s.seq !== "number" || !Number.isInteger(s.seq)) fail("segment seq");
      if (typeof s.data !== "string") fail("segment data");
      return {
        verdict: s.verdict,
        seq: s.seq >>> 0,
        data: new Uint8Array(Buffer.from(s.data, "base64")),
      };
    }),
  };
}

/** An agent's error reply as the error the caller should see: a flow the kernel target
 * cannot run is tool input (FlowError), anything else is a failure of the target. */
export function errorFromWire(reply: {
  error?: unknown;
  unsupported?: unknown;
  badFlow?: unknown;
}) {
  const message = `kernel target: ${String(reply.error)}`;
  return reply.unsupported || reply.badFlow ? new FlowError(message) : new Error(message);
}
