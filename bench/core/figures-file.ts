// The figures one bench process writes (`bench --figures-out FILE`) for the side-by-side
// gate to read: ratios to the floor per helper and workload. The gate reads this file from
// older trees too, so its shape only grows (version 1 since the committed-baseline days).

import { readFileSync, writeFileSync } from "node:fs";
import { UsageError } from "../../harness/usage.ts";
import type { Figures, WorkloadFigure } from "./gate.ts";

export const FIGURES_VERSION = 1;

export interface FiguresFile {
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
    f.rounds >= 1
  );
}

/** Parses and checks a figures file; bad content is bad tool input (UsageError, exit 2). */
export function parseFigures(text: string, source: string): FiguresFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source}: not JSON (${(error as Error).message})`);
  }
  if (typeof raw !== "object" || raw === null) throw new UsageError(`${source}: not an object`);
  const file = raw as Partial<FiguresFile>;
  if (file.version !== FIGURES_VERSION) {
    throw new UsageError(
      `${source}: figures version ${JSON.stringify(file.version)}, expected ${FIGURES_VERSION}`,
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
          `${source}: helpers.${helper}.${name} needs ratio > 0, spread ≥ 0 and whole rounds ≥ 1`,
        );
      }
    }
  }
  return {
    version: FIGURES_VERSION,
    recorded: file.recorded ?? { date: "", node: "", cpus: "", mode: "" },
    helpers: file.helpers,
  };
}

export function readFigures(path: string): FiguresFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read figures ${path}: ${(error as NodeJS.ErrnoException).code}`);
  }
  return parseFigures(text, path);
}

export function writeFigures(path: string, figures: FiguresFile): void {
  writeFileSync(path, `${JSON.stringify(figures, null, 2)}\n`);
}
