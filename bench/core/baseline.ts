// The committed baseline (bench/baseline.json): ratios to the floor per helper and
// workload, never absolute times, so it holds across machines of one kind.

import { readFileSync, writeFileSync } from "node:fs";
import { UsageError } from "../../harness/usage.ts";
import type { Figures, WorkloadFigure } from "./gate.ts";

export const BASELINE_VERSION = 1;

export interface BaselineFile {
  version: number;
  /** Where the figures were taken; informational only. */
  recorded: { date: string; node: string; cpus: string; mode: string };
  helpers: Figures;
}

function isFigure(value: unknown): value is WorkloadFigure {
  if (typeof value !== "object" || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.ratio === "number" &&
    f.ratio > 0 &&
    Number.isFinite(f.ratio) &&
    typeof f.spread === "number" &&
    f.spread >= 0 &&
    Number.isFinite(f.spread) &&
    typeof f.rounds === "number" &&
    Number.isInteger(f.rounds) &&
    f.rounds >= 1 &&
    (f.processRatios === undefined || isRatioList(f.processRatios))
  );
}

function isRatioList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((x) => typeof x === "number" && x > 0 && Number.isFinite(x))
  );
}

/** Parses and checks a baseline; bad content is bad tool input (UsageError, exit 2). */
export function parseBaseline(text: string, source: string): BaselineFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source}: not JSON (${(error as Error).message})`);
  }
  if (typeof raw !== "object" || raw === null) throw new UsageError(`${source}: not an object`);
  const file = raw as Partial<BaselineFile>;
  if (file.version !== BASELINE_VERSION) {
    throw new UsageError(
      `${source}: baseline version ${JSON.stringify(file.version)}, expected ${BASELINE_VERSION} (re-record with --update-baseline)`,
    );
  }
  if (typeof file.helpers !== "object" || file.helpers === null) {
    throw new UsageError(`${source}: "helpers" must be an object`);
  }
  for (const [helper, workloads] of Object.entries(file.helpers)) {
    if (typeof workloads !== "object" || workloads === null) {
      throw new UsageError(`${source}: helpers.${helper} must be an object`);
    }
    for (const [name, figure] of Object.entries(workloads)) {
      if (!isFigure(figure)) {
        throw new UsageError(
          `${source}: helpers.${helper}.${name} needs ratio > 0, spread ≥ 0, whole rounds ≥ 1 and processRatios (if any) a non-empty list of ratios > 0`,
        );
      }
    }
  }
  return {
    version: BASELINE_VERSION,
    recorded: file.recorded ?? { date: "", node: "", cpus: "", mode: "" },
    helpers: file.helpers,
  };
}

export function readBaseline(path: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read baseline ${path}: ${(error as NodeJS.ErrnoException).code}`);
  }
  return parseBaseline(text, path);
}

/** Replaces the measured helpers' entries and keeps the others (updating ftp alone must
 * not erase irc's baseline). */
export function mergeBaseline(
  previous: BaselineFile | undefined,
  measured: Figures,
  recorded: BaselineFile["recorded"],
): BaselineFile {
  return {
    version: BASELINE_VERSION,
    recorded,
    helpers: { ...(previous?.helpers ?? {}), ...measured },
  };
}

export function writeBaseline(path: string, baseline: BaselineFile): void {
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}
