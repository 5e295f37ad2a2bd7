// What `run` and `check` share: the campaign in its pool of worker threads
// (campaign-pool.ts) with a progress line, each failure reported once it is saved, the summary table, the
// report of an interruption, the exit code and the report files. (The budget flags are read in options.ts.)

import pc from "picocolors";
import { FlowError } from "../../helpers/core/model.ts";
import {
  askedRuns,
  type CampaignCommand,
  type CampaignEntry,
  type CampaignPlan,
  type CampaignReport,
  plannedProperties,
} from "../campaign.ts";
import { CampaignPool } from "../campaign-pool.ts";
import { describeFinding } from "../findings.ts";
import { interruptedLine, onInterrupt, type StopSignal } from "../interruption.ts";
import { createProgress } from "../progress.ts";
import { renderFlow, renderSideBySide } from "../render.ts";
import { againCommand, replayCommand, shellWord } from "../reports/commands-text.ts";
import { knownSummary, knownSummaryLines } from "../reports/known-summary.ts";
import { campaignTotals, exitCodeOf, isSavedEntry } from "../reports/totals.ts";
import { writeReports } from "../reports/write-reports.ts";
import { coverageLines, helperCoverage } from "../spec-coverage.ts";
import { HarnessError, UsageError } from "../usage.ts";

/** The campaign, run in a pool of worker threads, with its progress line; each failure
 * reported once it is saved. A stop signal ends every child, prints what was done so far and
 * exits. */
export async function runReportedCampaign(
  plan: CampaignPlan,
  command: CampaignCommand,
): Promise<CampaignReport> {
  const report: CampaignReport = {
    plan,
    command,
    entries: [],
    workers: 0,
    durationMs: 0,
    startedAt: new Date().toISOString(),
  };
  const progress = createProgress();
  let shown: string | undefined;
  const pool = new CampaignPool(plan, {
    onResult(entry) {
      progress.stop();
      shown = undefined;
      report.entries.push(entry);
      if (entry.saved) reportSavedFailures(entry, report);
      else if (entry.result.failure) reportFailure(entry, report);
    },
  });
  report.workers = pool.workers;
  // The line follows the first property not yet reported, with the flows of every worker
  // on it; "+N" says how many after it have started too.
  const ticker = setInterval(() => {
    const live = pool.running();
    const head = live[0];
    if (!head) return;
    const label = live.length > 1 ? `${head.label} (+${live.length - 1})` : head.label;
    if (label !== shown) {
      progress.stop();
      progress.start(label, askedRuns(plan.runs) ?? Infinity);
      shown = label;
    }
    progress.update(head.runs);
  }, PROGRESS_EVERY_MS);
  ticker.unref();
  const stopListening = onInterrupt(
    (signal) => {
      clearInterval(ticker);
      progress.stop();
      const live = pool.running();
      pool.stop();
      // Results already reported stand; their findings are on disk.
      reportInterruption(signal, report, live);
    },
    () => pool.stopFlows(),
  );
  let outcome: Awaited<ReturnType<CampaignPool["run"]>>;
  try {
    outcome = await pool.run();
  } finally {
    clearInterval(ticker);
    progress.stop();
    stopListening();
  }
  report.targetStarts = outcome.targetStarts;
  report.durationMs = outcome.durationMs;
  report.clockStartedAt = outcome.clockStartedAt;
  const failed = outcome.error;
  if (failed) {
    // Nothing ran: the target could not be opened in a worker (bad input, say).
    if (failed.name === "UsageError") throw new UsageError(failed.message);
    if (failed.name === "FlowError") throw new FlowError(failed.message);
    if (!/HarnessError|RunFailure/.test(failed.name)) {
      // Not the target's trouble nor the user's: a fault of the harness, with where it was.
      throw new HarnessError(`the campaign failed: ${failed.stack ?? failed.message}`);
    }
    report.harnessError = failed.message;
  }
  return report;
}

const PROGRESS_EVERY_MS = 200;

/** Saved cases that fail again: each named, with what it says now and how to replay it. */
function reportSavedFailures(entry: CampaignEntry, report: CampaignReport): void {
  const out = process.stdout;
  const saved = entry.saved!;
  for (const problem of saved.problems) {
    out.write(pc.yellow(`saved case not replayed: ${problem}\n`));
  }
  for (const failure of saved.failures) {
    out.write(
      `\n${pc.red("FAIL")} ${entry.helper}/${failure.property} on ${entry.result.target}: saved case ${shellWord(failure.file)} fails again\n`,
    );
    out.write(`  ${failure.message.split("\n").join("\n  ")}\n`);
    if (failure.outcomes) {
      const { target, reference, referenceName } = failure.outcomes;
      for (const line of renderSideBySide(entry.result.target, target, referenceName, reference)) {
        out.write(`  ${line}\n`);
      }
    }
    out.write(`  replay: ${replayCommand(report, failure.file)}\n`);
  }
}

/** A failure as the user sees it: message, minimized flow, both outcomes, where it is saved
 * (or the whole case, when it could not be), the command that replays it (replay reopens the
 * finding's own target) and the one that runs the same search again. */
export function reportFailure(entry: CampaignEntry, report: CampaignReport): void {
  const { result, helper } = entry;
  const failure = result.failure!;
  const out = process.stdout;
  out.write(`\n${pc.red("FAIL")} ${helper}/${result.property} on ${result.target}\n`);
  out.write(`  ${failure.message.split("\n").join("\n  ")}\n`);
  out.write(`  minimized flow (${shrinkSummary(failure)}):\n`);
  for (const line of renderFlow(failure.flow)) out.write(`    ${line}\n`);
  if (entry.outcomes) {
    const { target, reference, referenceName } = entry.outcomes;
    for (const line of renderSideBySide(result.target, target, referenceName, reference)) {
      out.write(`  ${line}\n`);
    }
  }
  const finding = entry.finding;
  if (finding) for (const line of describeFinding(finding)) out.write(`  ${line}\n`);
  const file = finding && finding.kind !== "not-saved" ? shellWord(finding.path) : "FILE.json";
  out.write(
    `  replay: npx helperfuzz replay ${file}   (seed ${failure.seed}, path ${failure.path})\n`,
  );
  out.write(`  again:  ${againCommand(report.command, report.plan, result.property)}\n`);
}

function shrinkSummary(failure: NonNullable<CampaignEntry["result"]["failure"]>): string {
  const shrinks = `${failure.shrinks} shrinks`;
  switch (failure.shrinkStoppedBy) {
    case "time":
      return `${shrinks}; shrinking stopped by the time budget after ${failure.shrinkSteps} steps`;
    case "steps":
      return `${shrinks}; shrinking stopped at its cap of ${failure.shrinkSteps} steps`;
    case "harness error":
      return `${shrinks}; shrinking stopped by a harness error after ${failure.shrinkSteps} steps`;
    default:
      return shrinks;
  }
}

/** What a stop signal leaves: the properties done, those running with the flows they had
 * checked, the seed and how to run it all again. */
function reportInterruption(
  signal: StopSignal,
  report: CampaignReport,
  running: { label: string; runs: number }[],
): void {
  const out = process.stdout;
  const planned = plannedProperties(report.plan);
  const rows = report.entries.map(rowOf);
  for (const { label, runs } of running) {
    rows.push({
      label,
      runs: runsCell(runs, askedRuns(report.plan.runs)),
      result: pc.yellow("interrupted"),
      rate: "",
      note: "",
    });
  }
  const started = rows.length - report.entries.filter((e) => e.saved).length;
  out.write(
    `\n${pc.red(interruptedLine(signal))}: ${started} of ${planned.length} properties started\n`,
  );
  out.write(`${tableLines(rows).join("\n")}\n`);
  out.write(
    `seed ${report.plan.seed}; to run it again: ${againCommand(report.command, report.plan)}\n`,
  );
}

/** The summary table, skipped properties and harness errors, and the closing line; returns
 * the exit code: 1 with a finding, else 3 with a harness error, else 0. */
/** "1 property", "3 properties". */
export const propertiesText = (n: number): string => `${n} ${n === 1 ? "property" : "properties"}`;

export function finishReport(report: CampaignReport): number {
  const { plan } = report;
  const out = process.stdout;
  out.write(`\n${summaryTable(report.entries).join("\n")}\n`);
  const saved = report.entries.filter(isSavedEntry);
  const entries = report.entries.filter((e) => !saved.includes(e));
  for (const e of entries) {
    if (e.result.skipped)
      out.write(pc.yellow(`skipped ${e.helper}/${e.result.property}: ${e.result.skipped}\n`));
    if (e.result.harnessError)
      out.write(
        pc.red(`harness error in ${e.helper}/${e.result.property}: ${e.result.harnessError}\n`),
      );
  }
  if (report.harnessError) out.write(pc.red(`harness error: ${report.harnessError}\n`));
  const count = (test: (e: CampaignEntry) => boolean) => entries.filter(test).length;
  const failed = count((e) => e.result.failure !== undefined);
  const skipped = count((e) => e.result.skipped !== undefined);
  const broken = count((e) => e.result.harnessError !== undefined) + (report.harnessError ? 1 : 0);
  const held =
    entries.length - failed - skipped - count((e) => e.result.harnessError !== undefined);
  const flows = entries.reduce((n, e) => n + e.result.runs, 0);
  const short = entries.filter(endedEarly);
  const others = [
    ...(skipped ? [`${skipped} skipped`] : []),
    ...(broken ? [`${broken} ended by a harness error`] : []),
  ];
  const seed = `(seed ${plan.seed})`;
  const tally = [`${held} held`, ...others].join(", ");
  if (failed > 0) {
    out.write(pc.red(`${failed} of ${entries.length} properties failed, ${tally} ${seed}\n`));
  } else if (others.length === 0 && short.length === 0) {
    out.write(
      pc.green(
        held === 1
          ? `the property held on ${flows} flows ${seed}\n`
          : `all ${held} properties held on ${flows} flows ${seed}\n`,
      ),
    );
  } else {
    out.write((broken ? pc.red : pc.yellow)(`${tally} on ${flows} flows ${seed}\n`));
  }
  if (short.length > 0) {
    out.write(
      pc.yellow(
        `the time budget ended ${short.length} of ${entries.length} properties before the ${short[0].askedRuns} runs asked\n`,
      ),
    );
  }
  const totals = campaignTotals(report.entries, report.harnessError);
  const known = knownSummary(report);
  if (known) {
    // The line that says whether every difference is documented, in red when not.
    const lines = knownSummaryLines(known).map((line) =>
      /^\d+ new difference/.test(line) ? pc.red(line) : line,
    );
    out.write(`${lines.join("\n")}\n`);
  }
  const coverage = helperCoverage(report.entries);
  if (coverage.length > 0) {
    const lines = coverageLines(coverage, plan.coverageTable === true);
    out.write(
      `${lines.map((line) => (/never reached/.test(line) ? pc.red(line) : line)).join("\n")}\n`,
    );
    if (totals.coverageGaps > 0)
      out.write(
        pc.red(
          `the generators never reached ${totals.coverageGaps} behaviour ${totals.coverageGaps === 1 ? "class" : "classes"} of the spec model: the campaign says nothing about ${totals.coverageGaps === 1 ? "it" : "them"} (the harness's trouble, not a finding)\n`,
        ),
      );
  }
  if (saved.length > 0) {
    const line = `saved cases replayed first: ${totals.savedCases}, ${totals.savedFailedAgain} failed again`;
    out.write(`${totals.savedFailedAgain + totals.savedHarnessErrors > 0 ? pc.red(line) : line}\n`);
  }
  if (totals.cut > 0) {
    out.write(
      pc.red(
        `${totals.cut} ${totals.cut === 1 ? "property was" : "properties were"} cut at their share of the time budget (a flow held a worker past it): the harness's doing, not a finding\n`,
      ),
    );
  }
  const code = exitCodeOf(totals);
  writeReports(report, code);
  return code;
}

/** Ended by the time budget before the runs asked for. */
function endedEarly(e: CampaignEntry): boolean {
  return (
    e.askedRuns !== undefined &&
    e.result.timedOut &&
    !e.result.failure &&
    !e.result.skipped &&
    !e.result.harnessError &&
    e.result.runs < e.askedRuns
  );
}

interface Row {
  label: string;
  runs: string;
  result: string;
  rate: string;
  note: string;
}

function runsCell(runs: number, asked: number | undefined): string {
  return asked !== undefined && runs < asked ? `${runs}/${asked}` : String(runs);
}

function rowOf(e: CampaignEntry): Row {
  const { result } = e;
  const rate = String(Math.round(result.runs / Math.max(result.durationMs / 1000, 1e-9)));
  const row = {
    // Not "helper/..." : saved cases are not one of the helper's properties.
    label: e.saved ? `saved cases of ${e.helper}` : `${e.helper}/${result.property}`,
    runs: runsCell(result.runs, e.askedRuns),
    rate,
  };
  if (result.failure) {
    const note =
      result.failure.shrinkStoppedBy === "time" ? "shrinking stopped by the time budget" : "";
    return { ...row, runs: String(result.runs), result: pc.red("FAIL"), note };
  }
  if (result.skipped !== undefined)
    return {
      ...row,
      runs: "-",
      rate: "",
      result: pc.yellow("skipped"),
      note: clipNote(result.skipped),
    };
  if (e.cut) return { ...row, result: pc.red("cut"), note: clipNote(result.harnessError ?? "") };
  if (result.harnessError !== undefined)
    return { ...row, result: pc.red("harness error"), note: clipNote(result.harnessError) };
  return { ...row, result: pc.green("ok"), note: endedEarly(e) ? "ended by the time budget" : "" };
}

function clipNote(text: string): string {
  const line = text.split("\n")[0];
  return line.length > 70 ? `${line.slice(0, 69)}…` : line;
}

export function summaryTable(entries: CampaignEntry[]): string[] {
  return tableLines(entries.map(rowOf));
}

function tableLines(rows: Row[]): string[] {
  const header: Row = {
    label: "property",
    runs: "runs",
    result: "result",
    rate: "flows/s",
    note: "",
  };
  const columns = ["label", "runs", "result", "rate"] as const;
  const all = [header, ...rows];
  const widths = columns.map((c) => Math.max(...all.map((r) => stripAnsi(r[c]).length)));
  const line = (row: Row) =>
    columns
      .map((c, i) => {
        const pad = " ".repeat(widths[i] - stripAnsi(row[c]).length);
        return i === 0 ? row[c] + pad : pad + row[c];
      })
      .join("  ") + (row.note ? `  ${row.note}` : "");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}
