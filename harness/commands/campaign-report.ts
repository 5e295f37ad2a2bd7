// What `run` and `check` share: reading the budget flags, reporting a failure once it is
// saved, the summary table and the exit code.

import pc from "picocolors";
import type { Flow, Outcome } from "../../helpers/core/model.ts";
import type { SyncTarget } from "../../properties/core/property.ts";
import { type CampaignEntry, type CampaignOptions, runCampaign } from "../campaign.ts";
import { createProgress } from "../progress.ts";
import { renderFlow, renderSideBySide } from "../render.ts";
import { parsePositiveInt, parseSeconds, parseSeed } from "../usage.ts";

export const DEFAULT_RUNS = 10_000;

export interface BudgetFlags {
  runs?: string;
  time?: string;
  seed?: string;
}

export interface Budget {
  runs: number;
  timeSeconds?: number;
  seed: number;
}

export function parseBudget(flags: BudgetFlags): Budget {
  const timeSeconds = flags.time === undefined ? undefined : parseSeconds(flags.time, "--time");
  const runs =
    flags.runs !== undefined
      ? parsePositiveInt(flags.runs, "--runs")
      : timeSeconds !== undefined
        ? Number.MAX_SAFE_INTEGER
        : DEFAULT_RUNS;
  const seed = flags.seed === undefined ? (Math.random() * 0x7fffffff) | 0 : parseSeed(flags.seed);
  return { runs, timeSeconds, seed };
}

/** The campaign with its progress line, each failure reported once it is saved. */
export function runReportedCampaign(
  options: Omit<CampaignOptions, "progress" | "onResult">,
): CampaignEntry[] {
  return runCampaign({
    ...options,
    progress: createProgress(),
    onResult: (entry) => {
      if (entry.result.failure) reportFailure(entry, options.target, options.reference);
    },
  });
}

/** A failure as the user sees it: message, minimized flow, both outcomes, where it is saved,
 * and the command that replays it (replay reopens the finding's own target). */
export function reportFailure(
  entry: CampaignEntry,
  target: SyncTarget,
  reference: SyncTarget,
): void {
  const { result, helper } = entry;
  const failure = result.failure!;
  const out = process.stdout;
  out.write(`\n${pc.red("FAIL")} ${helper}/${result.property} on ${result.target}\n`);
  out.write(`  ${failure.message.split("\n").join("\n  ")}\n`);
  out.write(`  minimized flow (${failure.shrinks} shrinks):\n`);
  for (const line of renderFlow(failure.flow)) out.write(`    ${line}\n`);
  for (const line of outcomesSideBySide(failure.flow, target, reference)) {
    out.write(`  ${line}\n`);
  }
  out.write(`  saved: ${entry.findingPath}\n`);
  out.write(
    `  replay: npx helperfuzz replay ${entry.findingPath}   (seed ${failure.seed}, path ${failure.path})\n`,
  );
}

export function outcomesSideBySide(
  flow: Flow,
  target: SyncTarget,
  reference: SyncTarget,
): string[] {
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

/** The summary table, skipped properties and the closing line; returns the exit code. */
export function finishReport(entries: CampaignEntry[], seed: number): number {
  const out = process.stdout;
  out.write(`\n${summaryTable(entries).join("\n")}\n`);
  for (const e of entries) {
    if (e.result.skipped)
      out.write(pc.yellow(`skipped ${e.helper}/${e.result.property}: ${e.result.skipped}\n`));
  }
  const failed = entries.filter((e) => e.result.failure).length;
  const flows = entries.reduce((n, e) => n + e.result.runs, 0);
  out.write(
    failed === 0
      ? pc.green(`all ${entries.length} properties held on ${flows} flows (seed ${seed})\n`)
      : pc.red(`${failed} of ${entries.length} properties failed (seed ${seed})\n`),
  );
  return failed === 0 ? 0 : 1;
}

export function summaryTable(entries: CampaignEntry[]): string[] {
  const rows = entries.map((e) => [
    `${e.helper}/${e.result.property}`,
    String(e.result.runs),
    e.result.failure ? pc.red("FAIL") : e.result.skipped ? pc.yellow("skipped") : pc.green("ok"),
    String(Math.round(e.result.runs / Math.max(e.result.durationMs / 1000, 1e-9))),
  ]);
  const header = ["property", "runs", "result", "flows/s"];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => stripAnsi(r[i]).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === 0
          ? c + " ".repeat(widths[i] - stripAnsi(c).length)
          : " ".repeat(widths[i] - stripAnsi(c).length) + c,
      )
      .join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}
