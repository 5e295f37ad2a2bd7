// The known differences between the kernel and what we wrote down about it
// (corpus/kernel-known-differences.jsonc). Two kinds:
//  - "document": kernel-helpers.md claims something the kernel proved wrong; the spec model
//    follows the kernel, so conform never meets these, but the entry's flow keeps the
//    measurement replayable (test/kernel-known-differences.test.ts runs it on the kernel).
//  - "spec": an intended difference between the spec model and the kernel. conform counts a
//    disagreement that matches one as known; every other disagreement fails the run.
// The file is .jsonc so that loadCorpus (every *.json under corpus/ is a case) skips it.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Flow, FlowError } from "../../helpers/core/model.ts";
import { type CorpusCase, parseCase } from "../corpus.ts";

export const KNOWN_DIFFERENCES_FILE = fileURLToPath(
  new URL("../../corpus/kernel-known-differences.jsonc", import.meta.url),
);

/** How a spec-vs-kernel disagreement is recognised as this known difference. */
export interface DifferenceMatch {
  /** Every difference line (helpers/core/outcome.ts wording) must match this. */
  differences: RegExp;
  /** Some segment of the flow must match this (latin1 text), when given. */
  segment?: RegExp;
  /** The flow must (true) or must not (false) be under source NAT, when given. */
  nat?: boolean;
}

export interface KnownDifference {
  id: string;
  helper: string;
  kind: "document" | "spec";
  /** What was claimed (kernel-helpers.md section, or the spec model's choice). */
  claim: string;
  /** What the kernel does, as measured. */
  kernel: string;
  /** The flow that shows it, with the kernel's outcome as `expected`. */
  showing: CorpusCase;
  match?: DifferenceMatch;
}

function fail(where: string, what: string): never {
  throw new FlowError(`${KNOWN_DIFFERENCES_FILE}: ${where}: ${what}`);
}

function text(value: unknown, where: string): string {
  if (typeof value !== "string" || value.length === 0) fail(where, "must be a non-empty string");
  return value;
}

function regex(value: unknown, where: string): RegExp {
  try {
    return new RegExp(text(value, where), "s");
  } catch (error) {
    return fail(where, (error as Error).message);
  }
}

function parseMatch(value: unknown, where: string): DifferenceMatch {
  if (typeof value !== "object" || value === null) fail(where, "must be an object");
  const m = value as Record<string, unknown>;
  for (const key of Object.keys(m)) {
    if (!["differences", "segment", "nat"].includes(key)) fail(`${where}.${key}`, "unknown field");
  }
  const match: DifferenceMatch = { differences: regex(m.differences, `${where}.differences`) };
  if (m.segment !== undefined) match.segment = regex(m.segment, `${where}.segment`);
  if (m.nat !== undefined) {
    if (typeof m.nat !== "boolean") fail(`${where}.nat`, "must be true or false");
    match.nat = m.nat;
  }
  return match;
}

const FIELDS = ["id", "helper", "kind", "claim", "kernel", "showing", "match"];

export function parseKnownDifferences(json: unknown): KnownDifference[] {
  const list = (json as { differences?: unknown })?.differences;
  if (!Array.isArray(list)) fail("differences", "must be an array");
  const ids = new Set<string>();
  return list.map((raw: Record<string, unknown>, i) => {
    const where = `differences[${i}]`;
    if (typeof raw !== "object" || raw === null) fail(where, "must be an object");
    for (const key of Object.keys(raw))
      if (!FIELDS.includes(key)) fail(`${where}.${key}`, "unknown field");
    const id = text(raw.id, `${where}.id`);
    if (ids.has(id)) fail(`${where}.id`, `duplicate id ${id}`);
    ids.add(id);
    if (raw.kind !== "document" && raw.kind !== "spec")
      fail(`${where}.kind`, 'must be "document" or "spec"');
    const showing = parseCase(raw.showing, `${KNOWN_DIFFERENCES_FILE} ${where}.showing`);
    if (!showing.expected) fail(`${where}.showing`, "needs the kernel's outcome as expected");
    const entry: KnownDifference = {
      id,
      helper: text(raw.helper, `${where}.helper`),
      kind: raw.kind,
      claim: text(raw.claim, `${where}.claim`),
      kernel: text(raw.kernel, `${where}.kernel`),
      showing,
    };
    if (showing.flow.helper !== entry.helper)
      fail(`${where}.showing.flow.helper`, "is not the entry's helper");
    if (raw.kind === "spec") entry.match = parseMatch(raw.match, `${where}.match`);
    else if (raw.match !== undefined) fail(`${where}.match`, "only spec differences are matched");
    return entry;
  });
}

export function loadKnownDifferences(path = KNOWN_DIFFERENCES_FILE): KnownDifference[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new FlowError(`${path}: ${(error as Error).message}`);
  }
  return parseKnownDifferences(json);
}

const latin1 = new TextDecoder("latin1");

/** The id of the known spec-vs-kernel difference this disagreement is, or undefined. */
export function knownDifferenceOf(
  known: readonly KnownDifference[],
  flow: Flow,
  differences: readonly string[],
): string | undefined {
  if (differences.length === 0) return undefined;
  for (const entry of known) {
    const match = entry.match;
    if (!match || entry.helper !== flow.helper) continue;
    if (match.nat !== undefined && match.nat !== (flow.nat !== undefined)) continue;
    if (!differences.every((d) => match.differences.test(d))) continue;
    if (match.segment && !flow.segments.some((s) => match.segment!.test(latin1.decode(s.data))))
      continue;
    return entry.id;
  }
  return undefined;
}
