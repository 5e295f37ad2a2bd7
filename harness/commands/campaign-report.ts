// What `run` and `check` share: the campaign in its worker thread
// with a progress line, each failure reported once it is saved, the summary table, the
// report of an interruption, and the exit code. (The budget flags are read in options.ts.)

import pc from "picocolors";
import { FlowError } from "../../helpers/core/model.ts";
import {
  askedRuns,
  type CampaignEntry,
  type CampaignPlan,
  plannedProperties,
} from "../campaign.ts";
import type { CampaignMessage } from "../campaign-messages.ts";
import { CampaignThread } from "../campaign-thread.ts";
import { describeFinding } from "../findings.ts";
import { interruptedLine, onInterrupt, type StopSignal } from "../interruption.ts";
import { createProgress } from "../progress.ts";
import { renderFlow, renderSideBySide } from "../render.ts";
import { EXIT, HarnessError, UsageError } from "../usage.ts";

export type CampaignCommand = "run" | "check";

export interface CampaignReport {
  plan: CampaignPlan;
  command: CampaignCommand;
  entries: CampaignEntry[];
  /** How often a cmd: target's program was started. */
  targetStarts?: number;
  /** The harness's own trouble that ended the campaign early. */
  harnessError?: string;
}

/** The campaign, run in a worker thread, with its progress line; each failure reported once
 * it is saved. A stop signal ends every child, prints what was done so far and exits. */
export async function runReportedCampaign(
  plan: CampaignPlan,
  command: CampaignCommand,
): Promise<CampaignReport> {
  const report: CampaignReport = { plan, command, entries: [] };
  const progress = createProgress();
  let failed: { name: string; message: string; stack?: string } | undefined;
  const onMessage = (message: CampaignMessage) => {
    switch (message.kind) {
      case "property":
        progress.start(message.label, askedRuns(plan.runs) ?? Infinity);
        break;
      case "progress":
        progress.update(message.runs);
        break;
      case "result":
        progress.stop();
        report.entries.push(message.entry);
        if (message.entry.result.failure) reportFailure(message.entry, report);
        break;
      case "done":
        report.targetStarts = message.targetStarts;
        break;
      case "error":
        progress.stop();
        failed = message;
        break;
    }
  };
  const thread = new CampaignThread(plan, onMessage);
  const stopListening = onInterrupt(
    async (signal) => {
      progress.stop();
      // Results already sent are reported; their findings are on disk.
      thread.drain();
      reportInterruption(signal, report, thread.current);
      await thread.stop();
    },
    () => thread.stopFlows(),
  );
  try {
    await thread.finished;
  } finally {
    stopListening();
  }
  if (failed) {
    // Nothing ran: the target could not be opened again in the worker (bad input, say).
    if (report.entries.length === 0 && failed.name === "UsageError")
      throw new UsageError(failed.message);
    if (report.entries.length === 0 && failed.name === "FlowError")
      throw new FlowError(failed.message);
    if (!/HarnessError|RunFailure|UsageError|FlowError/.test(failed.name)) {
      // Not the target's trouble nor the user's: a fault of the harness, with where it was.
      throw new HarnessError(`the campaign failed: ${failed.stack ?? failed.message}`);
    }
    report.harnessError = failed.message;
  }
  return report;
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

/** The command line that runs the same campaign (or one property of it) again, as it can be
 * typed in a clone or in a project that installed helperfuzz. */
export function againCommand(command: CampaignCommand, plan: CampaignPlan, property?: string) {
  const words = ["npx", "helperfuzz", command];
  if (command === "check" || plan.target !== "builtin") words.push("--target", plan.target);
  words.push(...plan.helpers);
  const properties = property ? [property] : plan.properties;
  if (properties) words.push("--property", ...properties);
  words.push("--seed", String(plan.seed));
  if (askedRuns(plan.runs) !== undefined) words.push("--runs", String(plan.runs));
  if (plan.timeSeconds !== undefined) words.push("--time", String(plan.timeSeconds));
  const flowTimeout = plan.targetOptions?.flowTimeoutMs;
  if (flowTimeout !== undefined) words.push("--flow-timeout", String(flowTimeout));
  if (plan.findingsDir !== "findings") words.push("--findings", plan.findingsDir);
  return words.map(shellWord).join(" ");
}

function shellWord(word: string): string {
  return /^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** What a stop signal leaves: the properties done, the one running with the flows it had
 * checked, the seed and how to run it all again. */
function reportInterruption(
  signal: StopSignal,
  report: CampaignReport,
  current: { index: number; runs: number },
): void {
  const out = process.stdout;
  const planned = plannedProperties(report.plan);
  const rows = report.entries.map(rowOf);
  const running = planned[current.index];
  if (running && report.entries.length <= current.index) {
    rows.push({
      label: `${running.helper}/${running.property.name}`,
      runs: runsCell(current.runs, askedRuns(report.plan.runs)),
      result: pc.yellow("interrupted"),
      rate: "",
      note: "",
    });
  }
  out.write(
    `\n${pc.red(interruptedLine(signal))}: ${rows.length} of ${planned.length} properties started\n`,
  );
  out.write(`${tableLines(rows).join("\n")}\n`);
  out.write(
    `seed ${report.plan.seed}; to run it again: ${againCommand(report.command, report.plan)}\n`,
  );
}

/** The summary table, skipped properties and harness errors, and the closing line; returns
 * the exit code: 1 with a finding, else 3 with a harness error, else 0. */
export function finishReport(report: CampaignReport): number {
  const { entries, plan } = report;
  const out = process.stdout;
  out.write(`\n${summaryTable(entries).join("\n")}\n`);
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
    out.write(pc.green(`all ${held} properties held on ${flows} flows ${seed}\n`));
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
  return failed > 0 ? EXIT.failed : broken > 0 ? EXIT.harness : EXIT.ok;
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
    label: `${e.helper}/${result.property}`,
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
