// The JSON-lines process protocol (DESIGN.md "The process protocol", docs/authors.md): the
// lines the harness writes and the strict reading of the lines a program answers. Every way
// a reply can be wrong is a TargetMisbehaviour naming what was wrong, never a crash of the
// harness. Version 2 adds, per segment, the expectations live after it (`live`); a v1
// program never sees a difference.

import { addressFamily, canonicalAddress } from "../../helpers/core/address.ts";
import { normalizeSegments } from "../../helpers/core/driver.ts";
import type {
  Expectation,
  Flow,
  Outcome,
  SegmentOutcome,
  Trace,
} from "../../helpers/core/model.ts";
import { TargetMisbehaviour } from "./misbehaviour.ts";

/** The version every program understands; `version` in the hello stays this one so a v1
 * program that refuses any other version keeps working. */
export const PROTOCOL_VERSION = 1;
/** Every version helperfuzz speaks, offered in the hello as `versions`. */
export const PROTOCOL_VERSIONS = [1, 2] as const;
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];

export function helloLine(): string {
  return JSON.stringify({ op: "hello", version: PROTOCOL_VERSION, versions: PROTOCOL_VERSIONS });
}

/** The version a hello reply chose: absent = 1; one helperfuzz did not offer is refused. */
export function helloVersion(line: string): ProtocolVersion {
  let version: unknown;
  try {
    version = (JSON.parse(line) as { version?: unknown }).version;
  } catch {
    return PROTOCOL_VERSION; // parseHello names the garbage.
  }
  if (version === undefined) return PROTOCOL_VERSION;
  if (!PROTOCOL_VERSIONS.includes(version as ProtocolVersion)) {
    throw new TargetMisbehaviour(
      "speaks another protocol version",
      `it answered version ${JSON.stringify(version)}, helperfuzz speaks ${PROTOCOL_VERSIONS.join(" and ")}`,
    );
  }
  return version as ProtocolVersion;
}

/** The helpers a program says it implements; anything else in its hello is a misbehaviour. */
export function parseHello(line: string): string[] {
  const reply = parseObject(line, "hello");
  if (reply.ok === false) {
    const why = typeof reply.error === "string" ? `: ${reply.error}` : "";
    throw new TargetMisbehaviour("refused the hello", `it answered ok:false${why}`);
  }
  if (reply.ok !== true) {
    throw new TargetMisbehaviour(
      "answered the hello wrongly",
      `"ok" must be true in ${clip(line)}`,
    );
  }
  const helpers = reply.helpers;
  if (!Array.isArray(helpers) || !helpers.every((h) => typeof h === "string")) {
    throw new TargetMisbehaviour(
      "answered the hello wrongly",
      `"helpers" must be an array of helper names in ${clip(line)}`,
    );
  }
  return helpers as string[];
}

/** One request line: data in base64 and every seq filled in, as the protocol promises. */
export function flowRequestLine(id: number, flow: Flow): string {
  const segments = normalizeSegments(flow).map((s) => ({
    dir: s.dir,
    seq: s.seq,
    data: Buffer.from(s.data.buffer, s.data.byteOffset, s.data.byteLength).toString("base64"),
  }));
  const wire: Record<string, unknown> = {
    helper: flow.helper,
    l4: flow.l4,
    client: { addr: flow.client.addr, port: flow.client.port },
    server: { addr: flow.server.addr, port: flow.server.port },
  };
  if (flow.config !== undefined) wire.config = flow.config;
  if (flow.nat !== undefined) wire.nat = { client: { addr: flow.nat.client.addr } };
  wire.segments = segments;
  return JSON.stringify({ op: "flow", id, flow: wire });
}

/** Reads the v1 reply to request `id` for a flow of `segmentCount` segments. */
export function parseFlowReply(line: string, id: number, segmentCount: number): Outcome {
  return readFlowReply(line, id, segmentCount, 1).outcome;
}

/** What a reply says: the outcome and, from a v2 program, the live sets. */
export interface FlowReply {
  outcome: Outcome;
  liveAfter?: Trace["liveAfter"];
}

/** Reads the reply to request `id` in protocol `version`: v2 requires every segment's
 * `live` (the expectations live after it). */
export function readFlowReply(
  line: string,
  id: number,
  segmentCount: number,
  version: ProtocolVersion,
): FlowReply {
  const reply = parseObject(line, "flow");
  if (reply.id !== id) {
    throw new TargetMisbehaviour(
      "answered the wrong id",
      `request ${id} was answered with id ${JSON.stringify(reply.id)}`,
    );
  }
  const outcome = reply.outcome;
  if (!isObject(outcome)) throw malformed(`"outcome" must be an object`, line);
  if (!Array.isArray(outcome.expectations))
    throw malformed(`"outcome.expectations" must be an array`, line);
  if (!Array.isArray(outcome.segments))
    throw malformed(`"outcome.segments" must be an array`, line);
  if (outcome.segments.length !== segmentCount) {
    throw new TargetMisbehaviour(
      outcome.segments.length > segmentCount
        ? "answered too many segments"
        : "answered too few segments",
      `${outcome.segments.length} segment outcomes for ${segmentCount} input segments`,
    );
  }
  const segments = outcome.segments;
  const read: FlowReply = {
    outcome: {
      expectations: outcome.expectations.map((e, i) =>
        readExpectation(e, `expectations[${i}]`, line),
      ),
      segments: segments.map((s, i) => readSegment(s, i, line)),
    },
  };
  if (version === 2) read.liveAfter = segments.map((s, i) => readLive(s, i, line));
  return read;
}

/** segments[i].live of a v2 reply: the expectations live once segment i is done. */
function readLive(raw: unknown, index: number, line: string): Expectation[] {
  const where = `segments[${index}].live`;
  const live = (raw as Record<string, unknown>).live;
  if (!Array.isArray(live)) throw malformed(`${where} must be an array (protocol 2)`, line);
  return live.map((e, j) => readExpectation(e, `${where}[${j}]`, line));
}

function readExpectation(raw: unknown, where: string, line: string): Expectation {
  if (!isObject(raw)) throw malformed(`${where} must be an object`, line);
  const { l4, src, sport, dst, dport, srcMask, permanent } = raw;
  if (l4 !== "tcp" && l4 !== "udp" && l4 !== "gre") {
    throw malformed(`${where}.l4 must be "tcp", "udp" or "gre"`, line);
  }
  if (src !== null && typeof src !== "string")
    throw malformed(`${where}.src must be an address or null`, line);
  if (typeof dst !== "string") throw malformed(`${where}.dst must be an address`, line);
  if (sport !== null && !Number.isInteger(sport))
    throw malformed(`${where}.sport must be an integer or null`, line);
  if (!Number.isInteger(dport)) throw malformed(`${where}.dport must be an integer`, line);
  if (srcMask !== undefined && (!Number.isInteger(srcMask) || (srcMask as number) < 0))
    throw malformed(`${where}.srcMask must be a prefix length when present`, line);
  if (permanent !== undefined && permanent !== true)
    throw malformed(`${where}.permanent must be true when present`, line);
  const expectation: Expectation = {
    l4,
    src: src === null ? null : canonicalWhenAddress(src),
    sport: sport as number | null,
    dst: canonicalWhenAddress(dst),
    dport: dport as number,
  };
  if (srcMask !== undefined) expectation.srcMask = srcMask as number;
  if (permanent === true) expectation.permanent = true;
  return expectation;
}

function readSegment(raw: unknown, index: number, line: string): SegmentOutcome {
  const where = `segments[${index}]`;
  if (!isObject(raw)) throw malformed(`${where} must be an object`, line);
  const { verdict, seq, data } = raw;
  if (verdict !== "accept" && verdict !== "drop")
    throw malformed(`${where}.verdict must be "accept" or "drop"`, line);
  if (!Number.isInteger(seq) || (seq as number) < 0 || (seq as number) > 0xffff_ffff) {
    throw malformed(`${where}.seq must be an integer 0..2^32-1`, line);
  }
  if (typeof data !== "string" || !isBase64(data))
    throw malformed(`${where}.data must be base64`, line);
  return { verdict, seq: seq as number, data: new Uint8Array(Buffer.from(data, "base64")) };
}

/** Canonical form for comparison; a string that is no address is left for the properties
 * (well-formed-outcome) to name, since it is a wrong answer rather than a broken reply. */
export function canonicalWhenAddress(text: string): string {
  return addressFamily(text) === null ? text : canonicalAddress(text);
}

/** Strict base64 (RFC 4648, padded): Node's decoder silently skips junk. */
export function isBase64(text: string): boolean {
  return (
    text.length % 4 === 0 && /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)
  );
}

function parseObject(line: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new TargetMisbehaviour("wrote garbage", `its ${what} reply is not JSON: ${clip(line)}`);
  }
  if (!isObject(value)) {
    throw new TargetMisbehaviour(
      "wrote garbage",
      `its ${what} reply is not a JSON object: ${clip(line)}`,
    );
  }
  return value;
}

function malformed(problem: string, line: string): TargetMisbehaviour {
  return new TargetMisbehaviour("answered a malformed outcome", `${problem}: ${clip(line)}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
