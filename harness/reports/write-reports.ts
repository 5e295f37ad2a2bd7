// Writes the report files a campaign was asked for (--report KIND=FILE, repeatable). A file
// that cannot be written is the harness's trouble: said, and the exit code is at least 3.

import { writeFileSync } from "node:fs";
import type { CampaignReport } from "../campaign.ts";
import { HarnessError } from "../usage.ts";
import { toJsonReport } from "./json-report.ts";
import { junitReport } from "./junit-report.ts";
import { markdownReport } from "./markdown-report.ts";

export function writeReports(report: CampaignReport, exitCode: number): void {
  for (const { kind, file } of report.plan.reports ?? []) {
    const text =
      kind === "json"
        ? `${JSON.stringify(toJsonReport(report, exitCode), null, 2)}\n`
        : kind === "junit"
          ? junitReport(report)
          : markdownReport(report, exitCode);
    try {
      writeFileSync(file, text);
    } catch (error) {
      throw new HarnessError(
        `the ${kind} report could not be written to ${file}: ${(error as Error).message}`,
      );
    }
  }
}
