// Spec model vs kernel on generated flows: flows are drawn in chunks (each chunk from its
// own seed, so a run replays exactly), the kernel answers a whole chunk at once
// (pipelined), and every flow's two outcomes are compared field by field. A disagreement
// that is a known difference (corpus/kernel-known-differences.jsonc) is counted as such;
// any other is unexplained, and shrinkDisagreement() minimizes it on the kernel. With the
// spec's trace, the expectations live after each segment are compared too (the kernel's
// from ctnetlink NEW/DESTROY events, one prefix flow per segment).

import fc from "fast-check";
import { type Flow, FlowError, type Outcome, type Trace } from "../../helpers/core/model.ts";
import { outcomeDifferences } from "../../helpers/core/outcome.ts";
import { liveSetText } from "../../properties/core/live-sets.ts";
import type { PropertyResult } from "../runner.ts";
import { type KnownDifference, knownDifferenceOf } from "./known-differences.ts";
import type { KernelTarget } from "./target.ts";

export interface Disagreement {
  flow: Flow;
  spec: Outcome;
  kernel: Outcome;
  differences: string[];
  /** seed of the chunk and index within it: fc.sample(arbitrary, {seed, numRuns}) [index] */
  seed: number;
  index: number;
}

export interface KnownTally {
  count: number;
  /** The first flow that showed it in this run. */
  example: Flow;
}

export interface ClassTally {
  agree: number;
  disagree: number;
}

export interface ConformanceResult {
  helper: string;
  flows: number;
  /** Flows the kernel target cannot run (addresses outside its ranges, loose=true, ...). */
  unsupported: number;
  unsupportedReasons: Map<string, number>;
  classes: Map<string, ClassTally>;
  /** Disagreements that are known differences, by id. */
  known: Map<string, KnownTally>;
  /** Unexplained disagreements (exact count; `disagreements` keeps the first few). */
  unexplained: number;
  disagreements: Disagreement[];
  seconds: number;
}

export interface ConformanceOptions {
  helper: string;
  flows: fc.Arbitrary<Flow>;
  spec: (flow: Flow) => Outcome;
  /** The spec model's trace: when given, live sets are compared after every segment. */
  specTrace?: (flow: Flow) => Trace;
  kernel: KernelTarget;
  runs: number;
  timeSeconds?: number;
  seed: number;
  chunk?: number;
  /** Keep at most this many disagreements (the counts stay exact). */
  keep?: number;
  known?: readonly KnownDifference[];
}

const text = new TextDecoder("latin1");

/**
 * SNMP (RFC 1157, RFC 3416): the PDU's tag after version and community; "ip-address" = a
 * value tagged IpAddress (APPLICATION 0, 4 bytes), what the NAT half rewrites.
 */
const SNMP_CLASSES: [string, (payload: string) => boolean][] = [
  ["request", (p) => [0xa0, 0xa1, 0xa3, 0xa5].includes(snmpPduTag(p))],
  ["get-response", (p) => snmpPduTag(p) === 0xa2],
  ["trap", (p) => snmpPduTag(p) === 0xa4 || snmpPduTag(p) === 0xa7],
  ["not-snmp", (p) => p.length > 0 && snmpPduTag(p) === -1],
  ["ip-address", (p) => p.includes("\x40\x04")],
];

/** Words in a segment that put a flow in a protocol's behaviour class. */
const PROTOCOL_CLASSES: Record<string, [string, (payload: string) => boolean][]> = {
  ftp: [
    ["active", (p) => p.startsWith("PORT") || p.startsWith("EPRT")],
    ["passive", (p) => p.startsWith("227") || p.startsWith("229")],
  ],
  irc: [["dcc", (p) => p.includes("\x01DCC ")]],
  tftp: [
    ["request", (p) => p.startsWith("\0\x01") || p.startsWith("\0\x02")],
    ["short", (p) => p.length < 2],
  ],
  amanda: [["connect", (p) => p.includes("CONNECT ")]],
  sane: [["start", (p) => p.length === 8 && p.startsWith("\0\0\0\x07")]],
  // SIP: what the message asks the helper to do; a SIP line after the segment start is the
  // Slipstreaming shape (the kernel only frames messages from the segment start).
  sip: [
    ["invite", (p) => /^(INVITE|UPDATE|ACK|PRACK) /i.test(p) || /^SIP\/2\.0 [12]/i.test(p)],
    ["register", (p) => /^REGISTER /i.test(p) || /CSeq:[^\r\n]*REGISTER/i.test(p)],
    ["sdp", (p) => /\nv=0/.test(p)],
    ["mid-segment", (p) => /.\r\n(INVITE|REGISTER) sip:/i.test(p)],
  ],
  // PPTP: the control message at the segment start (the only one the kernel reads), by its
  // PptpControlMessageType; "connected" = an Outgoing-Call-Reply with result 1.
  pptp: [
    ["call-request", (p) => pptpType(p) === 7],
    ["connected", (p) => pptpType(p) === 8 && p.charCodeAt(16) === 1],
    ["incoming", (p) => pptpType(p) === 11],
    ["disconnect", (p) => pptpType(p) === 13],
  ],
  // NetBIOS-NS (RFC 1002 4.2.1.1): a query = a request (R bit clear) with opcode 0. The
  // helper reads no payload; the route/device classes below are what it acts on.
  "netbios-ns": [
    ["query", (p) => p.length >= 12 && (p.charCodeAt(2) & 0xf8) === 0],
    ["response", (p) => p.length >= 12 && (p.charCodeAt(2) & 0x80) !== 0],
  ],
  snmp: SNMP_CLASSES,
  "snmp-trap": SNMP_CLASSES,
};

/** The broadcast helpers' route/device facts (helpers/core/broadcast.ts). */
const BROADCAST_CONFIG_CLASSES: [string, (config: Record<string, unknown>) => boolean][] = [
  ["local-out", (c) => c.localOut === true],
  ["forwarded", (c) => c.localOut !== true],
  ["broadcast-route", (c) => c.broadcastRoute === true],
  ["secondary", (c) => Array.isArray(c.device) && c.device.some((d) => d?.secondary === true)],
  ["mask-zero", (c) => Array.isArray(c.device) && c.device.some((d) => d?.prefixLen === 0)],
];

/** Classes from the flow's config. */
const CONFIG_CLASSES: Record<string, [string, (config: Record<string, unknown>) => boolean][]> = {
  "netbios-ns": BROADCAST_CONFIG_CLASSES,
  snmp: BROADCAST_CONFIG_CLASSES,
};

/**
 * The PDU tag of an SNMP message (SEQUENCE { version INTEGER, community OCTET STRING, PDU }),
 * or -1 when the bytes do not get that far; only to sort flows into classes.
 */
function snmpPduTag(p: string): number {
  let at = 0;
  const header = (tag: number): number => {
    if (p.charCodeAt(at) !== tag || at + 1 >= p.length) return -1;
    const first = p.charCodeAt(at + 1);
    at += 2;
    if (first < 0x80) return first;
    let length = 0;
    for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + p.charCodeAt(at++);
    return at <= p.length ? length : -1;
  };
  if (header(0x30) < 0) return -1;
  const version = header(0x02);
  if (version < 0) return -1;
  at += version;
  const community = header(0x04);
  if (community < 0) return -1;
  at += community;
  return at < p.length ? p.charCodeAt(at) : -1;
}

/** The control message type of a PPTP segment (control packet, magic cookie), or -1. */
function pptpType(p: string): number {
  if (p.length < 12 || !p.startsWith("\0\x01\x1a\x2b\x3c\x4d", 2)) return -1;
  return p.charCodeAt(8) * 256 + p.charCodeAt(9);
}

/** Classes by the flow's transport, for helpers that run on more than one. */
const TRANSPORT_CLASSES = new Set(["sip"]);

/** Behaviour classes a flow belongs to, for the per-class agreement table. */
export function behaviourClasses(flow: Flow, kernel: Outcome, liveAtEnd?: number): string[] {
  const classes: string[] = [];
  const payload = flow.segments.map((s) => text.decode(s.data));
  for (const [name, test] of PROTOCOL_CLASSES[flow.helper] ?? []) {
    if (payload.some((p) => test(flow.helper === "ftp" ? p.toUpperCase() : p))) classes.push(name);
  }
  for (const [name, test] of CONFIG_CLASSES[flow.helper] ?? []) {
    if (test(flow.config ?? {})) classes.push(name);
  }
  if (TRANSPORT_CLASSES.has(flow.helper)) classes.push(flow.l4);
  if (kernel.expectations.length > 0) classes.push("expectation");
  if (flow.nat) classes.push("nat");
  if (
    flow.nat &&
    kernel.segments.some((s, i) => s.verdict === "accept" && text.decode(s.data) !== payload[i])
  )
    classes.push("rewritten");
  if (flow.client.addr.includes(":")) classes.push("ipv6");
  if (kernel.segments.some((s) => s.verdict === "drop")) classes.push("dropped");
  if (flow.segments.some((s) => s.seq !== undefined)) classes.push("explicit-seq");
  if (liveAtEnd !== undefined && kernel.expectations.length > liveAtEnd)
    classes.push("evict-replace");
  if (classes.length === 0) classes.push("other");
  return classes;
}

export async function conform(options: ConformanceOptions): Promise<ConformanceResult> {
  const chunk = options.chunk ?? 1000;
  const keep = options.keep ?? 20;
  const started = performance.now();
  const deadline =
    options.timeSeconds === undefined ? Infinity : started + options.timeSeconds * 1000;
  const result: ConformanceResult = {
    helper: options.helper,
    flows: 0,
    unsupported: 0,
    unsupportedReasons: new Map(),
    classes: new Map(),
    known: new Map(),
    unexplained: 0,
    disagreements: [],
    seconds: 0,
  };
  for (let round = 0; result.flows + result.unsupported < options.runs; round++) {
    if (performance.now() > deadline) break;
    const seed = (options.seed + round) | 0;
    const size = Math.min(chunk, options.runs - result.flows - result.unsupported);
    const flows = fc.sample(options.flows, { seed, numRuns: size });
    const answers = await Promise.allSettled(flows.map((flow) => kernelAnswer(options, flow)));
    answers.forEach((answer, index) => {
      const flow = flows[index];
      if (answer.status === "rejected") {
        if (!(answer.reason instanceof FlowError)) throw answer.reason;
        result.unsupported++;
        const reason = answer.reason.message.replace(/[\d.:a-f]{7,}/g, "<addr>");
        result.unsupportedReasons.set(reason, (result.unsupportedReasons.get(reason) ?? 0) + 1);
        return;
      }
      result.flows++;
      const { outcome: kernel, liveAfter } = answer.value;
      const spec = options.spec(flow);
      const differences = differencesOf(options, flow, spec, answer.value);
      const knownId = knownDifferenceOf(options.known ?? [], flow, differences);
      for (const name of behaviourClasses(flow, kernel, liveAfter?.at(-1)?.length)) {
        const tally = result.classes.get(name) ?? { agree: 0, disagree: 0 };
        if (differences.length === 0 || knownId !== undefined) tally.agree++;
        else tally.disagree++;
        result.classes.set(name, tally);
      }
      if (knownId !== undefined) {
        const tally = result.known.get(knownId) ?? { count: 0, example: flow };
        tally.count++;
        result.known.set(knownId, tally);
      } else if (differences.length > 0) {
        result.unexplained++;
        if (result.disagreements.length < keep) {
          result.disagreements.push({ flow, spec, kernel, differences, seed, index });
        }
      }
    });
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** The kernel's outcome, and its live sets when the spec's are there to compare. */
function kernelAnswer(
  options: Pick<ConformanceOptions, "specTrace" | "kernel">,
  flow: Flow,
): Promise<{ outcome: Outcome; liveAfter?: Trace["liveAfter"] }> {
  if (options.specTrace) return options.kernel.trace(flow);
  return options.kernel.run(flow).then((outcome) => ({ outcome }));
}

/** Outcome differences, then (with live sets) the first segment after which spec and
 * kernel hold different expectations live. */
/** Spec vs kernel on one flow: the outcome's difference lines, then the first segment after
 * which the live sets differ (when both traces are there). */
export function differencesOf(
  options: Pick<ConformanceOptions, "specTrace">,
  flow: Flow,
  spec: Outcome,
  kernel: { outcome: Outcome; liveAfter?: Trace["liveAfter"] },
): string[] {
  const differences = outcomeDifferences(spec, kernel.outcome);
  if (!options.specTrace || !kernel.liveAfter) return differences;
  const specLive = options.specTrace(flow).liveAfter;
  const at = kernel.liveAfter.findIndex(
    (live, i) => liveSetText(live) !== liveSetText(specLive[i]),
  );
  if (at === -1) return differences;
  return [
    ...differences,
    `live after segment #${at}: spec ${liveSetText(specLive[at])}, kernel ${liveSetText(kernel.liveAfter[at])}`,
  ];
}

/** The unexplained differences between spec and kernel on one flow; [] when they agree,
 * the kernel cannot run the flow, or the difference is a known one. */
export async function unexplainedDifferences(
  flow: Flow,
  options: Pick<ConformanceOptions, "spec" | "specTrace" | "kernel" | "known">,
): Promise<string[]> {
  let answer: Awaited<ReturnType<typeof kernelAnswer>>;
  try {
    answer = await kernelAnswer(options, flow);
  } catch (error) {
    if (error instanceof FlowError) return [];
    throw error;
  }
  const differences = differencesOf(options, flow, options.spec(flow), answer);
  return knownDifferenceOf(options.known ?? [], flow, differences) === undefined ? differences : [];
}

/** Replays a disagreement with fast-check (its chunk's seed, its index as the path) and
 * shrinks it on the kernel, one flow per kernel round trip; bounded by maxShrinks. The
 * result is what saveFinding (harness/findings.ts) writes. */
export async function shrinkDisagreement(
  options: Pick<ConformanceOptions, "flows" | "spec" | "specTrace" | "kernel" | "known">,
  d: Disagreement,
  maxShrinks = 300,
): Promise<PropertyResult> {
  const started = performance.now();
  let shrinks = 0;
  let lastMessage = d.differences.join("; ");
  const property = fc.asyncProperty(options.flows, async (flow) => {
    if (shrinks++ > maxShrinks) return true; // stop shrinking: keep the smallest so far
    const differences = await unexplainedDifferences(flow, options);
    if (differences.length === 0) return true;
    lastMessage = differences.join("; ");
    return false;
  });
  const details = await fc.check(property, {
    seed: d.seed,
    path: String(d.index),
    endOnFailure: false,
  });
  const flow =
    details.failed && details.counterexample ? (details.counterexample[0] as Flow) : d.flow;
  const message = details.failed
    ? (await unexplainedDifferences(flow, options)).join("; ") || lastMessage
    : d.differences.join("; ");
  return {
    property: "kernel-conformance",
    target: "kernel",
    runs: 1,
    seed: d.seed,
    durationMs: performance.now() - started,
    timedOut: false,
    failure: {
      flow,
      message: `spec vs kernel: ${message}`,
      seed: d.seed,
      path: details.failed ? (details.counterexamplePath ?? String(d.index)) : String(d.index),
      shrinks: details.numShrinks,
    },
  };
}
