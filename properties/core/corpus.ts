// Corpus cases: one flow per JSON file, with the outcome it must produce and, for a saved
// counterexample, what replays the search that found it. The format is in
// docs/ARCHITECTURE.md "Corpus format". A case file is tool input, so every problem is a
// FlowError that names the file and the JSON path of the offending value.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { addressFamily, canonicalAddress } from "../../helpers/core/address.ts";
import {
  type Dir,
  type Expectation,
  type Flow,
  FlowError,
  type L4,
  type Outcome,
  RELATED_L4S,
  type Segment,
  type Verdict,
} from "../../helpers/core/model.ts";

/** A segment as a case expects it forwarded; absent data or seq = not checked. */
export interface ExpectedSegment {
  verdict: Verdict;
  data?: Uint8Array;
  seq?: number;
}

export interface ExpectedOutcome {
  expectations: Expectation[];
  segments: ExpectedSegment[];
}

/** What replays the property run that found a counterexample. */
export interface FoundBy {
  seed: number;
  path: string;
  target: string;
  property: string;
  message?: string;
}

export interface CorpusCase {
  name: string;
  description?: string;
  /** The property the case guards ("corpus" for a hand-written conformance vector). */
  property: string;
  flow: Flow;
  expected?: ExpectedOutcome;
  found?: FoundBy;
}

/** A case with the file it came from. */
export interface CorpusEntry {
  path: string;
  corpusCase: CorpusCase;
}

const UINT32_LIMIT = 2 ** 32;

// ---------------------------------------------------------------------------------------
// Reading

/** Walks a parsed JSON value and throws FlowError("<source>: <path> <problem>"). */
class CaseReader {
  constructor(private readonly source: string) {}

  fail(path: string, problem: string): never {
    throw new FlowError(`${this.source}: ${path === "" ? "the case" : path} ${problem}`);
  }

  /** known = the allowed keys; null = any key (helper options). */
  object(value: unknown, path: string, known: readonly string[] | null): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(path, "must be a JSON object");
    }
    const record = value as Record<string, unknown>;
    if (known === null) return record;
    for (const key of Object.keys(record)) {
      if (!known.includes(key)) {
        this.fail(join_(path, key), `is not a known field (known: ${known.join(", ")})`);
      }
    }
    return record;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, "must be an array");
    return value;
  }

  required(record: Record<string, unknown>, path: string, key: string): unknown {
    if (record[key] === undefined) this.fail(join_(path, key), "is missing");
    return record[key];
  }

  string(value: unknown, path: string): string {
    if (typeof value !== "string") this.fail(path, "must be a string");
    return value;
  }

  nonEmptyString(value: unknown, path: string): string {
    if (typeof value !== "string" || value === "") this.fail(path, "must be a non-empty string");
    return value;
  }

  integer(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `must be an integer ${min}-${max}`);
    }
    return value;
  }

  port(value: unknown, path: string): number {
    return this.integer(value, path, 0, 65535);
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      this.fail(path, `must be ${allowed.map((a) => JSON.stringify(a)).join(" or ")}`);
    }
    return value as T;
  }

  address(value: unknown, path: string): string {
    const text = this.string(value, path);
    if (addressFamily(text) === null) this.fail(path, `is not an IPv4 or IPv6 address: ${text}`);
    return text;
  }
}

function join_(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

const DIRS: readonly Dir[] = ["orig", "reply"];
const L4S: readonly L4[] = ["tcp", "udp"];
const VERDICTS: readonly Verdict[] = ["accept", "drop"];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `text` (ASCII, one byte per character) or `base64`; exactly one of them. */
function readData(reader: CaseReader, record: Record<string, unknown>, path: string): Uint8Array {
  const hasText = record.text !== undefined;
  const hasBase64 = record.base64 !== undefined;
  if (hasText === hasBase64) reader.fail(path, 'needs exactly one of "text" or "base64"');
  if (hasText) {
    const text = reader.string(record.text, `${path}.text`);
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 0x7f) {
        reader.fail(`${path}.text`, `has a non-ASCII character at index ${i} (use base64)`);
      }
    }
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
  }
  const encoded = reader.string(record.base64, `${path}.base64`);
  if (!BASE64.test(encoded)) reader.fail(`${path}.base64`, "is not valid base64");
  return new Uint8Array(Buffer.from(encoded, "base64"));
}

function readSeq(reader: CaseReader, value: unknown, path: string): number | undefined {
  return value === undefined ? undefined : reader.integer(value, path, 0, UINT32_LIMIT - 1);
}

function readEndpoint(reader: CaseReader, value: unknown, path: string) {
  const record = reader.object(value, path, ["addr", "port"]);
  return {
    addr: reader.address(reader.required(record, path, "addr"), `${path}.addr`),
    port: reader.port(reader.required(record, path, "port"), `${path}.port`),
  };
}

function readSegment(reader: CaseReader, value: unknown, path: string): Segment {
  const record = reader.object(value, path, ["dir", "seq", "text", "base64"]);
  const segment: Segment = {
    dir: reader.oneOf(reader.required(record, path, "dir"), `${path}.dir`, DIRS),
    data: readData(reader, record, path),
  };
  const seq = readSeq(reader, record.seq, `${path}.seq`);
  if (seq !== undefined) segment.seq = seq;
  return segment;
}

function readFlow(reader: CaseReader, value: unknown, path: string): Flow {
  const record = reader.object(value, path, [
    "helper",
    "l4",
    "client",
    "server",
    "config",
    "nat",
    "segments",
  ]);
  const flow: Flow = {
    helper: reader.nonEmptyString(reader.required(record, path, "helper"), `${path}.helper`),
    l4: reader.oneOf(reader.required(record, path, "l4"), `${path}.l4`, L4S),
    client: readEndpoint(reader, reader.required(record, path, "client"), `${path}.client`),
    server: readEndpoint(reader, reader.required(record, path, "server"), `${path}.server`),
    segments: [],
  };
  const family = addressFamily(flow.client.addr);
  if (addressFamily(flow.server.addr) !== family) {
    reader.fail(`${path}.server.addr`, `is not of the client's address family (IPv${family})`);
  }
  if (record.config !== undefined) {
    flow.config = structuredClone(reader.object(record.config, `${path}.config`, null));
  }
  if (record.nat !== undefined) {
    const nat = reader.object(record.nat, `${path}.nat`, ["client"]);
    const natPath = `${path}.nat.client`;
    const natClient = reader.object(reader.required(nat, `${path}.nat`, "client"), natPath, [
      "addr",
    ]);
    const addr = reader.address(reader.required(natClient, natPath, "addr"), `${natPath}.addr`);
    if (addressFamily(addr) !== family) {
      reader.fail(`${natPath}.addr`, `is not of the client's address family (IPv${family})`);
    }
    flow.nat = { client: { addr } };
  }
  const segmentsPath = `${path}.segments`;
  const segments = reader.array(reader.required(record, path, "segments"), segmentsPath);
  flow.segments = segments.map((s, i) => readSegment(reader, s, `${segmentsPath}[${i}]`));
  return flow;
}

function readExpectation(reader: CaseReader, value: unknown, path: string): Expectation {
  const record = reader.object(value, path, [
    "l4",
    "src",
    "sport",
    "dst",
    "dport",
    "srcMask",
    "permanent",
  ]);
  const src = reader.required(record, path, "src");
  const sport = reader.required(record, path, "sport");
  const expectation: Expectation = {
    l4: reader.oneOf(reader.required(record, path, "l4"), `${path}.l4`, RELATED_L4S),
    src: src === null ? null : reader.address(src, `${path}.src`),
    sport: sport === null ? null : reader.port(sport, `${path}.sport`),
    dst: reader.address(reader.required(record, path, "dst"), `${path}.dst`),
    dport: reader.port(reader.required(record, path, "dport"), `${path}.dport`),
  };
  if (record.srcMask !== undefined) {
    expectation.srcMask = reader.integer(record.srcMask, `${path}.srcMask`, 0, 128);
  }
  if (record.permanent !== undefined) {
    if (record.permanent !== true) reader.fail(`${path}.permanent`, "must be true when present");
    expectation.permanent = true;
  }
  return expectation;
}

function readExpectedSegment(reader: CaseReader, value: unknown, path: string): ExpectedSegment {
  const record = reader.object(value, path, ["verdict", "seq", "text", "base64"]);
  const segment: ExpectedSegment = {
    verdict: reader.oneOf(reader.required(record, path, "verdict"), `${path}.verdict`, VERDICTS),
  };
  if (record.text !== undefined || record.base64 !== undefined) {
    segment.data = readData(reader, record, path);
  }
  const seq = readSeq(reader, record.seq, `${path}.seq`);
  if (seq !== undefined) segment.seq = seq;
  return segment;
}

function readExpected(
  reader: CaseReader,
  value: unknown,
  path: string,
  inputSegments: number,
): ExpectedOutcome {
  const record = reader.object(value, path, ["expectations", "segments"]);
  const expectationsPath = `${path}.expectations`;
  const segmentsPath = `${path}.segments`;
  const expectations = reader.array(
    reader.required(record, path, "expectations"),
    expectationsPath,
  );
  const segments = reader.array(reader.required(record, path, "segments"), segmentsPath);
  if (segments.length !== inputSegments) {
    reader.fail(
      segmentsPath,
      `has ${segments.length} entries but flow.segments has ${inputSegments} (one per input segment)`,
    );
  }
  return {
    expectations: expectations.map((e, i) =>
      readExpectation(reader, e, `${expectationsPath}[${i}]`),
    ),
    segments: segments.map((s, i) => readExpectedSegment(reader, s, `${segmentsPath}[${i}]`)),
  };
}

function readFound(reader: CaseReader, value: unknown, path: string): FoundBy {
  const record = reader.object(value, path, ["seed", "path", "target", "property", "message"]);
  const found: FoundBy = {
    seed: reader.integer(
      reader.required(record, path, "seed"),
      `${path}.seed`,
      -(2 ** 31),
      2 ** 32 - 1,
    ),
    path: reader.string(reader.required(record, path, "path"), `${path}.path`),
    target: reader.nonEmptyString(reader.required(record, path, "target"), `${path}.target`),
    property: reader.nonEmptyString(reader.required(record, path, "property"), `${path}.property`),
  };
  if (record.message !== undefined) {
    found.message = reader.string(record.message, `${path}.message`);
  }
  return found;
}

/** Validates a parsed case file; `source` names it in every error message. */
export function parseCase(json: unknown, source: string): CorpusCase {
  const reader = new CaseReader(source);
  const record = reader.object(json, "", [
    "name",
    "description",
    "property",
    "flow",
    "expected",
    "found",
  ]);
  const corpusCase: CorpusCase = {
    name: reader.nonEmptyString(reader.required(record, "", "name"), "name"),
    property: reader.nonEmptyString(reader.required(record, "", "property"), "property"),
    flow: readFlow(reader, reader.required(record, "", "flow"), "flow"),
  };
  if (record.description !== undefined) {
    corpusCase.description = reader.string(record.description, "description");
  }
  if (record.expected !== undefined) {
    corpusCase.expected = readExpected(
      reader,
      record.expected,
      "expected",
      corpusCase.flow.segments.length,
    );
  }
  if (record.found !== undefined) corpusCase.found = readFound(reader, record.found, "found");
  return corpusCase;
}

/** Parses case-file text; `source` names it in every error message. */
export function parseCaseText(text: string, source: string): CorpusCase {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FlowError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  return parseCase(json, source);
}

export function loadCase(path: string): CorpusCase {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new FlowError(`${path}: cannot read: ${(error as Error).message}`);
  }
  return parseCaseText(text, path);
}

function jsonFilesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...jsonFilesUnder(path));
    else if (entry.isFile() && entry.name.endsWith(".json")) files.push(path);
  }
  return files;
}

/** Every *.json under `dir` (subfolders too), sorted by path so runs are reproducible. */
export function loadCorpus(dir: string): CorpusEntry[] {
  let files: string[];
  try {
    files = jsonFilesUnder(dir);
  } catch (error) {
    throw new FlowError(`${dir}: cannot read corpus folder: ${(error as Error).message}`);
  }
  return files
    .sort((a, b) => (relative(dir, a) < relative(dir, b) ? -1 : 1))
    .map((path) => ({ path, corpusCase: loadCase(path) }));
}

// ---------------------------------------------------------------------------------------
// Writing

/** Printable ASCII plus \t \r \n: what a reader can check by eye in a case file. */
export function isReadableText(data: Uint8Array): boolean {
  for (const byte of data) {
    const printable = byte >= 0x20 && byte <= 0x7e;
    if (!printable && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return true;
}

function dataToJson(data: Uint8Array): { text: string } | { base64: string } {
  return isReadableText(data)
    ? { text: String.fromCharCode(...data) }
    : { base64: Buffer.from(data).toString("base64") };
}

function expectationToJson(e: Expectation): Expectation {
  const json: Expectation = { l4: e.l4, src: e.src, sport: e.sport, dst: e.dst, dport: e.dport };
  if (e.srcMask !== undefined) json.srcMask = e.srcMask;
  if (e.permanent) json.permanent = true;
  return json;
}

/** The outcome in case-file form (every segment's seq and data present). */
export function outcomeToJson(outcome: Outcome): Record<string, unknown> {
  return {
    expectations: outcome.expectations.map(expectationToJson),
    segments: outcome.segments.map((s) => ({
      verdict: s.verdict,
      seq: s.seq,
      ...dataToJson(s.data),
    })),
  };
}

/** The case as a JSON value, keys in a fixed order, so saved files diff cleanly. */
export function caseToJsonValue(c: CorpusCase): Record<string, unknown> {
  const flow = c.flow;
  const json: Record<string, unknown> = { name: c.name };
  if (c.description !== undefined) json.description = c.description;
  json.property = c.property;
  json.flow = {
    helper: flow.helper,
    l4: flow.l4,
    client: { addr: flow.client.addr, port: flow.client.port },
    server: { addr: flow.server.addr, port: flow.server.port },
    ...(flow.config === undefined ? {} : { config: structuredClone(flow.config) }),
    ...(flow.nat === undefined ? {} : { nat: { client: { addr: flow.nat.client.addr } } }),
    segments: flow.segments.map((s) => ({
      dir: s.dir,
      ...(s.seq === undefined ? {} : { seq: s.seq }),
      ...dataToJson(s.data),
    })),
  };
  if (c.expected !== undefined) {
    json.expected = {
      expectations: c.expected.expectations.map(expectationToJson),
      segments: c.expected.segments.map((s) => ({
        verdict: s.verdict,
        ...(s.seq === undefined ? {} : { seq: s.seq }),
        ...(s.data === undefined ? {} : dataToJson(s.data)),
      })),
    };
  }
  if (c.found !== undefined) {
    const { seed, path, target, property, message } = c.found;
    json.found = { seed, path, target, property, ...(message === undefined ? {} : { message }) };
  }
  return json;
}

const FILE_LINE_WIDTH = 100;

/** 2-space JSON where an object or array of plain values that fits the line stays on one
 * line, so a segment reads as one line; the same layout biome's formatter keeps. */
function formatJson(value: unknown, indent: string, column: number): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const isArray = Array.isArray(value);
  const entries: [string | null, unknown][] = isArray
    ? value.map((v) => [null, v])
    : Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return isArray ? "[]" : "{}";
  const keyText = (key: string | null) => (key === null ? "" : `${JSON.stringify(key)}: `);
  if (entries.every(([, v]) => v === null || typeof v !== "object")) {
    const inner = entries.map(([k, v]) => keyText(k) + JSON.stringify(v)).join(", ");
    const inline = isArray ? `[${inner}]` : `{ ${inner} }`;
    // +1 for the comma that may follow.
    if (column + inline.length + 1 <= FILE_LINE_WIDTH) return inline;
  }
  // biome (like prettier) joins an array of one object when it fits, but keeps an array of
  // several objects one per line.
  const only = entries[0][1];
  if (isArray && entries.length === 1 && only !== null && typeof only === "object") {
    const inner = formatJson(only, indent, column + 1);
    if (!inner.includes("\n") && column + inner.length + 3 <= FILE_LINE_WIDTH) return `[${inner}]`;
  }
  const childIndent = `${indent}  `;
  const lines = entries.map(([k, v]) => {
    const head = childIndent + keyText(k);
    return head + formatJson(v, childIndent, head.length);
  });
  return `${isArray ? "[" : "{"}\n${lines.join(",\n")}\n${indent}${isArray ? "]" : "}"}`;
}

/** The text of a case file, as saved (found counterexamples too): fixed key order, one line
 * per segment when it fits, and a final newline. parseCaseText reads it back unchanged. */
export function caseToJson(c: CorpusCase): string {
  return `${formatJson(caseToJsonValue(c), "", 0)}\n`;
}

// ---------------------------------------------------------------------------------------
// Comparing

function sameAddress(a: string, b: string): boolean {
  try {
    return canonicalAddress(a) === canonicalAddress(b);
  } catch {
    return a === b;
  }
}

function sameExpectation(a: Expectation, b: Expectation): boolean {
  const sameSrc = a.src === null || b.src === null ? a.src === b.src : sameAddress(a.src, b.src);
  return (
    a.l4 === b.l4 &&
    sameSrc &&
    a.sport === b.sport &&
    sameAddress(a.dst, b.dst) &&
    a.dport === b.dport &&
    a.srcMask === b.srcMask &&
    a.permanent === b.permanent
  );
}

function hostPort(addr: string | null, port: number | null): string {
  const host = addr === null ? "*" : addr.includes(":") ? `[${addr}]` : addr;
  return `${host}:${port === null ? "*" : port}`;
}

/** "tcp 203.0.113.5:* -> 10.0.0.2:1025" */
export function describeExpectation(e: Expectation): string {
  const src = e.srcMask === undefined ? e.src : `${e.src}/${e.srcMask}`;
  const flags = e.permanent ? " permanent" : "";
  return `${e.l4} ${hostPort(src, e.sport)} -> ${hostPort(e.dst, e.dport)}${flags}`;
}

function describeData(data: Uint8Array): string {
  return isReadableText(data)
    ? JSON.stringify(String.fromCharCode(...data))
    : `base64 ${Buffer.from(data).toString("base64")}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function compareExpectations(expected: Expectation[], actual: Expectation[]): string[] {
  const differences: string[] = [];
  if (expected.length !== actual.length) {
    differences.push(`expectations: expected ${expected.length}, got ${actual.length}`);
  }
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const want = expected[i];
    const got = actual[i];
    if (want === undefined) {
      differences.push(`expectations[${i}]: unexpected ${describeExpectation(got)}`);
    } else if (got === undefined) {
      differences.push(`expectations[${i}]: missing ${describeExpectation(want)}`);
    } else if (!sameExpectation(want, got)) {
      differences.push(
        `expectations[${i}]: expected ${describeExpectation(want)}, got ${describeExpectation(got)}`,
      );
    }
  }
  return differences;
}

function compareSegments(expected: ExpectedSegment[], actual: Outcome["segments"]): string[] {
  const differences: string[] = [];
  if (expected.length !== actual.length) {
    differences.push(`segments: expected ${expected.length}, got ${actual.length}`);
  }
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
    const want = expected[i];
    const got = actual[i];
    if (want.verdict !== got.verdict) {
      differences.push(`segments[${i}].verdict: expected ${want.verdict}, got ${got.verdict}`);
    }
    if (want.data !== undefined && !sameBytes(want.data, got.data)) {
      differences.push(
        `segments[${i}].data: expected ${describeData(want.data)}, got ${describeData(got.data)}`,
      );
    }
    if (want.seq !== undefined && want.seq % UINT32_LIMIT !== got.seq % UINT32_LIMIT) {
      differences.push(`segments[${i}].seq: expected ${want.seq}, got ${got.seq}`);
    }
  }
  return differences;
}

/** Human-readable differences between a case's expected outcome and a target's; empty =
 * match. Addresses compare in canonical form; absent expected data/seq are not checked. */
export function compareOutcome(expected: ExpectedOutcome, actual: Outcome): string[] {
  return [
    ...compareExpectations(expected.expectations, actual.expectations),
    ...compareSegments(expected.segments, actual.segments),
  ];
}
