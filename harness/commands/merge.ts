// `helperfuzz merge report*.json`: the JSON reports of the shards of one campaign (the jobs of
// a CI matrix, each `--shard i/n --report json=FILE`) combined into the report of the whole
// campaign, with the summary table and the campaign's exit code: 1 with a finding, else 3
// with the harness's trouble (a missing shard included), else 0.

import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { fromJsonReport } from "../reports/json-report.ts";
import { mergeReports, type SourcedReport } from "../reports/merge-reports.ts";
import { UsageError } from "../usage.ts";
import { finishReport } from "./campaign-report.ts";
import type { ExitWith } from "./exit.ts";
import { type CampaignFlags, reportOption } from "./options.ts";

export function registerMergeCommand(program: Command, exit: ExitWith): void {
  program
    .command("merge")
    .description(
      "combine the JSON reports of the shards of one campaign (--shard i/n --report json=FILE) into one: the summary table and the campaign's exit code (1 with a finding, 3 with the harness's trouble or a missing shard, else 0)",
    )
    .argument("<report...>", "the shards' JSON reports")
    .addOption(reportOption())
    .action((files: string[], flags: Pick<CampaignFlags, "report">) => {
      exit(mergeCommand(files, flags));
    });
}

function mergeCommand(files: string[], flags: Pick<CampaignFlags, "report">): number {
  const reports: SourcedReport[] = files.map((source) => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(source, "utf8"));
    } catch (error) {
      throw new UsageError(`${source}: cannot read a JSON report: ${(error as Error).message}`);
    }
    try {
      return { source, report: fromJsonReport(json, source) };
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${source}: not a well-formed campaign report: ${String(error)}`);
    }
  });
  const merged = mergeReports(reports);
  merged.plan.reports = flags.report ?? [];
  const shards = reports
    .map((r) => r.report.plan.shard)
    .filter((s) => s !== undefined)
    .map((s) => `${s.index + 1}/${s.count}`);
  process.stdout.write(
    `helperfuzz merge: ${reports.length} reports${shards.length ? ` (shards ${shards.join(", ")})` : ""} of ${merged.command} ${merged.plan.helpers.join(", ")} on ${merged.plan.target}, seed ${merged.plan.seed}\n`,
  );
  return finishReport(merged);
}
