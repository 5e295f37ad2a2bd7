// A helper's properties bound to an author's own helper, for the author's own test suite:
// what `helperfuzz/vitest` turns into one test per property. The helper is given as the
// `module:` target takes it (a HelperDefinition, run(flow), or a module's exports), and a
// failure is saved to disk and reported the way `helperfuzz check` reports it.

import type fc from "fast-check";
import type { HelperDefinition } from "../helpers/core/helper.ts";
import type { Flow, Outcome, Trace } from "../helpers/core/model.ts";
import { helperRegistry } from "../helpers/registry.ts";
import type { Subject, SyncTarget } from "../properties/core/property.ts";
import { propertyRegistry } from "../properties/registry.ts";
import { describeFinding, saveFinding } from "./findings.ts";
import { renderFlow, renderSideBySide } from "./render.ts";
import { specTarget } from "./targets/in-process.ts";
import { helperDefinitionGaps, moduleExports, targetFromExports } from "./targets/module-target.ts";

/** An author's helper: a HelperDefinition, a whole-flow function, or a module's exports
 * (`await import("./my-helper.ts")`) holding either. */
export type AuthorHelper =
  | HelperDefinition
  | { run(flow: Flow): Outcome; trace?(flow: Flow): Trace }
  | Record<string, unknown>;

export interface HelperPropertyOptions {
  /** Only these properties. */
  properties?: string[];
  /** All properties but these. */
  skipProperties?: string[];
  /** The helper's name in reports and saved findings (default "vitest"). */
  name?: string;
}

export interface HelperProperty {
  /** e.g. "ftp/no-bounce-without-loose". */
  id: string;
  name: string;
  description: string;
  /** The flows it is checked on. */
  arbitrary: fc.Arbitrary<Flow>;
  /** Why it cannot be checked against this helper (it shows no trace, say); else undefined. */
  skipped?: string;
  /** Throws an Error saying what went wrong when the property does not hold for `flow`. */
  check(flow: Flow): void;
  /** The target and its reference, for reports. */
  subject: Subject;
}

function targetOf(helperName: string, helper: AuthorHelper, name: string): SyncTarget {
  const exports =
    helperDefinitionGaps(helper).length === 0
      ? { helper }
      : { helpers: [helperName], ...moduleExports(helper as Record<string, unknown>) };
  const target = targetFromExports(name, exports);
  if (!target.helpers().includes(helperName)) {
    throw new Error(`${name} implements ${target.helpers().join(", ")}, not "${helperName}"`);
  }
  return target;
}

function chosen(helperName: string, options: HelperPropertyOptions) {
  const kit = propertyRegistry[helperName];
  if (!kit) {
    throw new Error(
      `helperfuzz has no properties for "${helperName}" (known: ${Object.keys(propertyRegistry).join(", ")})`,
    );
  }
  const known = kit.properties.map((p) => p.name);
  for (const name of [...(options.properties ?? []), ...(options.skipProperties ?? [])]) {
    if (!known.includes(name)) {
      throw new Error(`no property named "${name}" in ${helperName} (known: ${known.join(", ")})`);
    }
  }
  return kit.properties.filter(
    (p) =>
      (options.properties === undefined || options.properties.includes(p.name)) &&
      !options.skipProperties?.includes(p.name),
  );
}

/** Every property of `helperName` (or the chosen ones), checked against `helper` with the
 * spec model as the reference. Throws at once on an unknown helper or property name. */
export function helperProperties(
  helperName: string,
  helper: AuthorHelper,
  options: HelperPropertyOptions = {},
): HelperProperty[] {
  const properties = chosen(helperName, options);
  const subject: Subject = {
    target: targetOf(helperName, helper, options.name ?? "vitest"),
    reference: specTarget,
    helper: helperRegistry[helperName].helper,
  };
  return properties.map((property) => ({
    id: `${helperName}/${property.name}`,
    name: property.name,
    description: property.description,
    arbitrary: property.arbitrary,
    skipped: property.skipReason?.(subject),
    check: (flow) => property.check(flow, subject),
    subject,
  }));
}

export interface HelperFailure {
  flow: Flow;
  /** What the property said about the minimized flow. */
  message: string;
  seed: number;
  path: string;
  runs: number;
  shrinks: number;
}

/** Saves the failure (unless findingsDir is false) and returns the report: the message, the
 * minimized flow, both outcomes, where it is saved (or the whole case when it could not be),
 * and the options that replay it exactly. */
export function reportHelperFailure(
  property: HelperProperty,
  failure: HelperFailure,
  findingsDir: string | false,
  replayCall: string,
): string {
  const { flow, message, seed } = failure;
  const { target, reference } = property.subject;
  const helper = property.id.slice(0, property.id.indexOf("/"));
  const lines = [
    `${property.id} failed on ${target.name} after ${failure.runs} flows (shrunk ${failure.shrinks} times):`,
    ...message.split("\n").map((line) => `  ${line}`),
    "minimized flow:",
    ...renderFlow(flow).map((line) => `  ${line}`),
    ...outcomesSideBySide(flow, target, reference),
  ];
  if (findingsDir !== false) {
    const result = {
      property: property.name,
      target: target.name,
      runs: failure.runs,
      seed,
      durationMs: 0,
      timedOut: false,
      failure,
    };
    // saveFinding never throws: a finding it cannot write comes back whole, with the reason.
    const record = saveFinding(findingsDir, helper, result, outcomeOrNothing(target, flow));
    lines.push(...describeFinding(record));
  }
  lines.push(`replay exactly: ${replayCall}`);
  return lines.join("\n");
}

function outcomesSideBySide(flow: Flow, target: SyncTarget, reference: SyncTarget): string[] {
  const attempt = (run: () => Outcome): Outcome | string => {
    try {
      return run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return `threw: ${message.split("\n")[0]}`;
    }
  };
  return renderSideBySide(
    target.name,
    attempt(() => target.run(flow)),
    reference.name,
    attempt(() => reference.run(flow)),
  );
}

function outcomeOrNothing(target: SyncTarget, flow: Flow): Outcome | undefined {
  try {
    return target.run(flow);
  } catch {
    return undefined;
  }
}
