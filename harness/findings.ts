// A counterexample is written to disk before anything reports it: nothing found is lost.
// One that cannot be written (a full disk, a folder gone or read-only) comes back whole, to
// be printed in full with the reason; one already on disk from an earlier run is not
// written again.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Outcome } from "../helpers/core/model.ts";
import { caseToJson, caseToJsonValue } from "./corpus.ts";
import { flowToPcap } from "./pcap/flow-to-pcap.ts";
import type { PropertyResult } from "./runner.ts";

export type FindingRecord =
  | {
      kind: "saved";
      path: string;
      /** Why the capture beside it is missing (the JSON alone replays the finding). */
      captureProblem?: string;
    }
  /** The same helper, property, target and minimized flow is on disk from an earlier run. */
  | { kind: "already-saved"; path: string }
  | { kind: "not-saved"; reason: string; json: string };

/** Longest target part of a file name: a command line can be long. */
const TARGET_PART_MAX = 80;

/** Writes the minimized failure of `result` as a corpus case with its capture beside it
 * (and, for a NAT flow whose outcome is known, the server side). The file name is
 * `<time>-<property>-<target>-<identity>.json` with no ':' in it (Windows, and tools that
 * split on ':'); the identity is a hash of helper, property, target and flow, by which a
 * rerun finds the same failure saved before. */
export function saveFinding(
  dir: string,
  helper: string,
  result: PropertyResult,
  outcome?: Outcome,
): FindingRecord {
  const failure = result.failure;
  if (!failure) throw new Error("saveFinding called on a passing result");
  const finding = {
    name: `${helper} ${result.property} on ${result.target}`,
    description: failure.message,
    property: result.property,
    flow: failure.flow,
    found: {
      seed: failure.seed,
      path: failure.path,
      target: result.target,
      property: result.property,
      message: failure.message,
    },
  };
  const json = caseToJson(finding);
  const identity = createHash("sha256")
    .update(JSON.stringify([helper, result.property, result.target, caseToJsonValue(finding).flow]))
    .digest("hex")
    .slice(0, 12);
  const folder = join(dir, helper);
  let path: string | undefined;
  try {
    const earlier = existingFinding(folder, identity);
    if (earlier) return { kind: "already-saved", path: earlier };
    mkdirSync(folder, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const targetPart = result.target.replace(/[^\w.-]+/g, "_").slice(0, TARGET_PART_MAX);
    path = join(folder, `${stamp}-${result.property}-${targetPart}-${identity}.json`);
    // The JSON first: it alone replays the failure, whatever happens to the captures.
    writeFileSync(path, json);
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    // A half-written case would be a broken corpus file: better none.
    if (path) rmSync(path, { force: true });
    return { kind: "not-saved", reason: error.message, json };
  }
  try {
    // With the outcome known and NAT in play, the pair shows both wires of the box.
    const pair = failure.flow.nat !== undefined && outcome !== undefined;
    writeFileSync(
      path.replace(/\.json$/, ".pcap"),
      pair ? flowToPcap(failure.flow, outcome) : flowToPcap(failure.flow),
    );
    if (pair) {
      writeFileSync(
        path.replace(/\.json$/, ".server.pcap"),
        flowToPcap(failure.flow, outcome, { side: "server" }),
      );
    }
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    return { kind: "saved", path, captureProblem: error.message };
  }
  return { kind: "saved", path };
}

function existingFinding(folder: string, identity: string): string | undefined {
  if (!existsSync(folder)) return undefined;
  const name = readdirSync(folder).find((file) => file.endsWith(`-${identity}.json`));
  return name === undefined ? undefined : join(folder, name);
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}

/** How a finding's record reads in a report: where it is, or the whole case and why it is
 * not on disk. */
export function describeFinding(record: FindingRecord): string[] {
  switch (record.kind) {
    case "saved":
      return [
        `saved: ${record.path}`,
        ...(record.captureProblem
          ? [`(its capture could not be written: ${record.captureProblem})`]
          : []),
      ];
    case "already-saved":
      return [`already saved as ${record.path}`];
    case "not-saved":
      return [
        `NOT saved: ${record.reason}`,
        "the finding in full (save it as a .json file to replay it):",
        ...record.json.trimEnd().split("\n"),
      ];
  }
}
