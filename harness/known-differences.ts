// Known, documented differences between a target family and the kernel (the reference), one
// file per family, .jsonc so that loadCorpus (every *.json under corpus/ is a case) skips it:
//  - the kernel family (corpus/kernel-known-differences.jsonc, `conform`): what the project
//    wrote down about the kernel that the kernel proved wrong ("document"), and intended
//    spec-model differences ("spec"); see harness/kernel/known-differences.ts.
//  - third-party families (corpus/cthelper-known-differences.jsonc, `check`): every way a
//    family of helpers someone else wrote differs from the kernel, each with a verdict. A
//    campaign masks a difference that matches one (known-difference-mask.ts), so it can go
//    past the known classes and still report any new one.
// Each entry carries a `showing` corpus case whose `expected` is the kernel's measured outcome
// and a match rule that recognises the difference on other flows.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { addressBytes } from "../helpers/core/address.ts";
import { type Flow, FlowError, type Outcome } from "../helpers/core/model.ts";
import { type CorpusCase, parseCase } from "./corpus.ts";

export const KERNEL_KNOWN_DIFFERENCES_FILE = fileURLToPath(
  new URL("../corpus/kernel-known-differences.jsonc", import.meta.url),
);
export const CTHELPER_KNOWN_DIFFERENCES_FILE = fileURLToPath(
  new URL("../corpus/cthelper-known-differences.jsonc", import.meta.url),
);

/** The known-differences file a target is checked with by default (undefined: none). */
export function defaultKnownDifferencesFile(target: string): string | undefined {
  return target.startsWith("cthelper:") ? CTHELPER_KNOWN_DIFFERENCES_FILE : undefined;
}

/** How a difference is recognised as this known one. */
export interface DifferenceMatch {
  /** Every difference line (helpers/core/outcome.ts wording, or `threw: MESSAGE` when the
   * target threw) must match this. `{client.addr}`, `{client.port}`, `{server.addr}`,
   * `{server.port}`, `{nat.addr}`, and `{client.commas}`/`{server.commas}` (the address's
   * first four bytes as FTP's "a,b,c,d") in it, `segment` and `signature` stand for the
   * flow's own values. */
  differences: RegExp;
  /** Some segment of the flow must match this (latin1 text), when given. */
  segment?: RegExp;
  /** Only segments in this direction count for `segment`, when given. */
  segmentDir?: "orig" | "reply";
  /** Some difference line must match this, when given: the class's own symptom, which the
   * other lines `differences` allows follow from (a segment the kernel drops is not tracked,
   * so what the kernel parses next differs too). */
  signature?: RegExp;
  /** Some expectation of the reference's outcome (JSON, as difference lines show it) must
   * match this, when given. */
  expectation?: RegExp;
  /** The flow must (true) or must not (false) be under source NAT, when given. */
  nat?: boolean;
  /** The flow must (true) or must not (false) be IPv6, when given. */
  ipv6?: boolean;
}

/** What every family's entry has that matching needs. */
export interface MatchableDifference {
  id: string;
  helper: string;
  match?: DifferenceMatch;
}

/** A kernel-family entry (corpus/kernel-known-differences.jsonc). */
export interface KernelKnownDifference extends MatchableDifference {
  kind: "document" | "spec";
  /** What was claimed (kernel-helpers.md section, or the spec model's choice). */
  claim: string;
  /** What the kernel does, as measured. */
  kernel: string;
  /** The flow that shows it, with the kernel's outcome as `expected`. */
  showing: CorpusCase;
}

export const VERDICTS = ["plugin-bug", "deliberate"] as const;
export type Verdict = (typeof VERDICTS)[number];
/** What a plugin bug costs: an expectation the kernel would not create, a drop the kernel
 * would not make, a packet forwarded with bytes the kernel would not write, or nothing. */
export const IMPACTS = ["pinhole", "drop", "corrupted-packet", "none"] as const;
export type SecurityImpact = (typeof IMPACTS)[number];

/** A third-party entry: how the family's helper differs from the kernel. */
export interface ThirdPartyKnownDifference extends MatchableDifference {
  /** What the kernel (Linux 6.18) does, as measured. */
  kernel: string;
  /** What the third-party helper does instead. */
  plugin: string;
  verdict: Verdict;
  /** For a plugin bug: its security impact. */
  impact?: SecurityImpact;
  /** The minimal flow that shows it, with the kernel's measured outcome as `expected`. */
  showing: CorpusCase;
  match: DifferenceMatch;
  /** The plugin differs only under valgrind's memcheck (`cthelper:NAME+memcheck`): a memory
   * error or leak that leaves the outcome as the kernel's. */
  memcheck?: boolean;
}

export interface ThirdPartyDifferences {
  file: string;
  /** The target family, as its targets are spelled before the colon: "cthelper". */
  family: string;
  description: string;
  differences: ThirdPartyKnownDifference[];
}

class Reader {
  constructor(readonly file: string) {}

  fail(where: string, what: string): never {
    throw new FlowError(`${this.file}: ${where}: ${what}`);
  }

  text(value: unknown, where: string): string {
    if (typeof value !== "string" || value.length === 0)
      this.fail(where, "must be a non-empty string");
    return value;
  }

  regex(value: unknown, where: string): RegExp {
    try {
      return new RegExp(this.text(value, where), "s");
    } catch (error) {
      return this.fail(where, (error as Error).message);
    }
  }

  object(value: unknown, where: string, fields: string[]): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      this.fail(where, "must be an object");
    for (const key of Object.keys(value))
      if (!fields.includes(key)) this.fail(`${where}.${key}`, "unknown field");
    return value as Record<string, unknown>;
  }

  flag(value: unknown, where: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") this.fail(where, "must be true or false");
    return value;
  }

  match(value: unknown, where: string): DifferenceMatch {
    const m = this.object(value, where, [
      "differences",
      "signature",
      "segment",
      "segmentDir",
      "expectation",
      "nat",
      "ipv6",
    ]);
    const match: DifferenceMatch = {
      differences: this.regex(m.differences, `${where}.differences`),
    };
    if (m.signature !== undefined) match.signature = this.regex(m.signature, `${where}.signature`);
    if (m.segment !== undefined) match.segment = this.regex(m.segment, `${where}.segment`);
    if (m.segmentDir !== undefined) {
      if (m.segmentDir !== "orig" && m.segmentDir !== "reply")
        this.fail(`${where}.segmentDir`, 'must be "orig" or "reply"');
      match.segmentDir = m.segmentDir;
    }
    if (m.expectation !== undefined)
      match.expectation = this.regex(m.expectation, `${where}.expectation`);
    const nat = this.flag(m.nat, `${where}.nat`);
    if (nat !== undefined) match.nat = nat;
    const ipv6 = this.flag(m.ipv6, `${where}.ipv6`);
    if (ipv6 !== undefined) match.ipv6 = ipv6;
    return match;
  }

  list(json: unknown): Record<string, unknown>[] {
    const list = (json as { differences?: unknown })?.differences;
    if (!Array.isArray(list)) this.fail("differences", "must be an array");
    return list;
  }

  /** The fields every family's entry has: a unique id, the helper, the showing case. */
  common(raw: Record<string, unknown>, where: string, ids: Set<string>) {
    const id = this.text(raw.id, `${where}.id`);
    if (ids.has(id)) this.fail(`${where}.id`, `duplicate id ${id}`);
    ids.add(id);
    const helper = this.text(raw.helper, `${where}.helper`);
    const showing = parseCase(raw.showing, `${this.file} ${where}.showing`);
    if (!showing.expected) this.fail(`${where}.showing`, "needs the kernel's outcome as expected");
    if (showing.flow.helper !== helper)
      this.fail(`${where}.showing.flow.helper`, "is not the entry's helper");
    return { id, helper, showing };
  }
}

const KERNEL_FIELDS = ["id", "helper", "kind", "claim", "kernel", "showing", "match"];

export function parseKernelKnownDifferences(
  json: unknown,
  file = KERNEL_KNOWN_DIFFERENCES_FILE,
): KernelKnownDifference[] {
  const r: Reader = new Reader(file);
  const ids = new Set<string>();
  return r.list(json).map((value, i) => {
    const where = `differences[${i}]`;
    const raw = r.object(value, where, KERNEL_FIELDS);
    const common = r.common(raw, where, ids);
    const kind = raw.kind;
    if (kind !== "document" && kind !== "spec")
      r.fail(`${where}.kind`, 'must be "document" or "spec"');
    const entry: KernelKnownDifference = {
      ...common,
      kind,
      claim: r.text(raw.claim, `${where}.claim`),
      kernel: r.text(raw.kernel, `${where}.kernel`),
    };
    if (kind === "spec") entry.match = r.match(raw.match, `${where}.match`);
    else if (raw.match !== undefined) r.fail(`${where}.match`, "only spec differences are matched");
    return entry;
  });
}

const THIRD_PARTY_FIELDS = [
  "id",
  "helper",
  "kernel",
  "plugin",
  "verdict",
  "impact",
  "showing",
  "match",
  "memcheck",
];

export function parseThirdPartyKnownDifferences(
  json: unknown,
  file: string,
): ThirdPartyDifferences {
  const r: Reader = new Reader(file);
  const top = r.object(json, "the file", ["description", "family", "differences"]);
  const family = r.text(top.family, "family");
  const description = r.text(top.description, "description");
  const ids = new Set<string>();
  const differences = r.list(json).map((value, i) => {
    const where = `differences[${i}]`;
    const raw = r.object(value, where, THIRD_PARTY_FIELDS);
    const common = r.common(raw, where, ids);
    const verdict = raw.verdict as Verdict;
    if (!VERDICTS.includes(verdict))
      r.fail(`${where}.verdict`, `must be one of ${VERDICTS.join(", ")}`);
    const entry: ThirdPartyKnownDifference = {
      ...common,
      kernel: r.text(raw.kernel, `${where}.kernel`),
      plugin: r.text(raw.plugin, `${where}.plugin`),
      verdict,
      match: r.match(raw.match, `${where}.match`),
    };
    const memcheck = r.flag(raw.memcheck, `${where}.memcheck`);
    if (memcheck !== undefined) entry.memcheck = memcheck;
    if (verdict === "plugin-bug") {
      const impact = raw.impact as SecurityImpact;
      if (!IMPACTS.includes(impact))
        r.fail(`${where}.impact`, `a plugin bug needs one of ${IMPACTS.join(", ")}`);
      entry.impact = impact;
    } else if (raw.impact !== undefined) {
      r.fail(`${where}.impact`, "only a plugin bug has a security impact");
    }
    return entry;
  });
  return { file, family, description, differences };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new FlowError(`${path}: ${(error as Error).message}`);
  }
}

export function loadKernelKnownDifferences(
  path = KERNEL_KNOWN_DIFFERENCES_FILE,
): KernelKnownDifference[] {
  return parseKernelKnownDifferences(readJson(path), path);
}

export function loadThirdPartyKnownDifferences(path: string): ThirdPartyDifferences {
  return parseThirdPartyKnownDifferences(readJson(path), path);
}

const latin1 = new TextDecoder("latin1");

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The flow's own values for the placeholders of a match rule, as regex source (escaped; a
 * value the flow does not have matches nothing). */
function placeholders(flow: Flow): Record<string, string> {
  const commas = (addr: string) => {
    try {
      return [...addressBytes(addr).slice(0, 4)].join(",");
    } catch {
      return addr;
    }
  };
  return {
    "client.addr": escapeRegex(flow.client.addr),
    "client.port": String(flow.client.port),
    "client.commas": escapeRegex(commas(flow.client.addr)),
    "server.addr": escapeRegex(flow.server.addr),
    "server.port": String(flow.server.port),
    "server.commas": escapeRegex(commas(flow.server.addr)),
    "nat.addr": flow.nat ? escapeRegex(flow.nat.client.addr) : "(?!)",
  };
}

/** A rule's pattern with the flow's values in place of its placeholders. */
function filledPattern(pattern: RegExp, values: Record<string, string>): RegExp {
  const source = pattern.source;
  if (!source.includes("{")) return pattern;
  const filled = source.replace(
    /\{(client|server|nat)\.(addr|port|commas)\}/g,
    (whole, who, what) => {
      return values[`${who}.${what}`] ?? whole;
    },
  );
  return new RegExp(filled, "s");
}

/** The entry's difference pattern, when its rule applies to the flow and its differences
 * (helper, NAT, family, a segment, the signature line); else undefined. */
function patternFor(
  entry: MatchableDifference,
  flow: Flow,
  differences: readonly string[],
  values: Record<string, string>,
  reference: Outcome | undefined,
): RegExp | undefined {
  const match = entry.match;
  if (!match || entry.helper !== flow.helper) return undefined;
  if (match.nat !== undefined && match.nat !== (flow.nat !== undefined)) return undefined;
  if (match.ipv6 !== undefined && match.ipv6 !== flow.client.addr.includes(":")) return undefined;
  if (match.segment) {
    const segment = filledPattern(match.segment, values);
    const dir = match.segmentDir;
    const shows = (s: Flow["segments"][number]) =>
      (dir === undefined || s.dir === dir) && segment.test(latin1.decode(s.data));
    if (!flow.segments.some(shows)) return undefined;
  }
  if (match.expectation) {
    const expectation = filledPattern(match.expectation, values);
    const shown = reference?.expectations.map((e) => JSON.stringify(e)) ?? [];
    if (!shown.some((e) => expectation.test(e))) return undefined;
  }
  if (match.signature) {
    const signature = filledPattern(match.signature, values);
    if (!differences.some((d) => signature.test(d))) return undefined;
  }
  return filledPattern(match.differences, values);
}

/** The id of the one known difference whose rule every difference line fits, or undefined
 * (`reference`: the reference's outcome, for rules on its expectations). */
export function knownDifferenceOf(
  known: readonly MatchableDifference[],
  flow: Flow,
  differences: readonly string[],
  reference?: Outcome,
): string | undefined {
  if (differences.length === 0) return undefined;
  const values = placeholders(flow);
  for (const entry of known) {
    const pattern = patternFor(entry, flow, differences, values, reference);
    if (pattern && differences.every((d) => pattern.test(d))) return entry.id;
  }
  return undefined;
}

/** The known differences that together explain every difference line: one entry whose rule
 * fits them all when there is one, else for each line the first entry that applies to the
 * flow and fits it (a flow can show several known classes at once, one per segment, say).
 * undefined when some line fits no entry: that is a new difference. */
export function knownDifferencesCovering(
  known: readonly MatchableDifference[],
  flow: Flow,
  differences: readonly string[],
  reference?: Outcome,
): string[] | undefined {
  if (differences.length === 0) return undefined;
  const single = knownDifferenceOf(known, flow, differences, reference);
  if (single !== undefined) return [single];
  const values = placeholders(flow);
  const candidates = known.flatMap((entry) => {
    const pattern = patternFor(entry, flow, differences, values, reference);
    return pattern ? [{ id: entry.id, pattern }] : [];
  });
  const ids: string[] = [];
  for (const line of differences) {
    const entry = candidates.find((c) => c.pattern.test(line));
    if (!entry) return undefined;
    if (!ids.includes(entry.id)) ids.push(entry.id);
  }
  return ids;
}
