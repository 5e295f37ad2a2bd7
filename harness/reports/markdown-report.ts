// `--report markdown=FILE`: a short summary for a pull-request comment or a CI job summary
// ($GITHUB_STEP_SUMMARY): the verdict, one table row per property, each finding with the
// command that replays it.

import type { CampaignEntry, CampaignReport } from "../campaign.ts";
import { type HelperCoverage, helperCoverage } from "../spec-coverage.ts";
import { againCommand, replayCommand } from "./commands-text.ts";
import { knownSummary } from "./known-summary.ts";
import { campaignTotals, entryStatus, isSavedEntry } from "./totals.ts";

const VERDICT = {
  held: "✅ held",
  failed: "❌ FAIL",
  skipped: "⏭️ skipped",
  "harness-error": "⚠️ harness error",
  cut: "⚠️ cut by the time budget",
} as const;

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function markdownReport(report: CampaignReport, exitCode: number): string {
  const { plan } = report;
  const totals = campaignTotals(report.entries, report.harnessError);
  const seconds = report.durationMs / 1000;
  const rate = seconds > 0 ? Math.round(totals.flows / seconds) : 0;
  const shard = plan.shard ? `, shard ${plan.shard.index + 1}/${plan.shard.count}` : "";
  const verdict =
    exitCode === 0 ? "✅ all held" : exitCode === 1 ? "❌ findings" : "⚠️ harness trouble";
  const lines = [
    `## helperfuzz ${report.command}: ${verdict}`,
    "",
    `${plan.helpers.join(", ")} on \`${plan.target}\`${shard}, seed ${plan.seed}: ${totals.held} of ${totals.properties} properties held on ${totals.flows} flows (${rate} flows/s, ${report.workers} workers, ${seconds.toFixed(1)} s)${totals.savedCases > 0 ? `; ${totals.savedCases} saved cases replayed first, ${totals.savedFailedAgain} failed again` : ""}.`,
    "",
    "| property | runs | result | flows/s |",
    "| --- | ---: | --- | ---: |",
  ];
  for (const e of report.entries) {
    const r = e.result;
    const flowsPerSecond = r.durationMs > 0 ? Math.round(r.runs / (r.durationMs / 1000)) : 0;
    const name = isSavedEntry(e) ? `saved cases of ${e.helper}` : `${e.helper}/${r.property}`;
    lines.push(
      `| ${cell(name)} | ${r.runs} | ${VERDICT[entryStatus(e)]} | ${isSavedEntry(e) ? "" : flowsPerSecond} |`,
    );
  }
  const known = knownSummary(report);
  if (known) {
    lines.push(
      "",
      `### Known differences: ${known.classes.length} of ${known.documented} documented classes seen, ${known.undocumented.length === 0 ? "every difference documented" : `${known.undocumented.length} new`}`,
      "",
      `Masked with \`${known.file}\`.`,
      "",
      "| class | verdict | flows | first seen |",
      "| --- | --- | ---: | --- |",
    );
    for (const c of known.classes) {
      const verdict = c.verdict === "plugin-bug" ? `plugin-bug (${c.impact})` : (c.verdict ?? "");
      const when = c.firstCampaignMs === null ? "" : `${(c.firstCampaignMs / 1000).toFixed(2)} s, `;
      lines.push(
        `| ${cell(c.id)} | ${verdict} | ${c.flows} | ${when}${cell(c.firstProperty)} flow ${c.firstFlow} |`,
      );
    }
  }
  for (const c of helperCoverage(report.entries)) lines.push("", ...coverageSection(c));
  const failed = report.entries.filter((e) => entryStatus(e) === "failed");
  if (failed.length > 0) lines.push("", "### Findings");
  for (const e of failed) lines.push("", ...findingLines(e, report));
  if (report.harnessError) lines.push("", `**Harness error:** ${cell(report.harnessError)}`);
  lines.push("", `Run it again: \`${againCommand(report.command, plan)}\``, "");
  return lines.join("\n");
}

/** A helper's spec coverage: the verdict as a heading, the classes in a folded table. */
function coverageSection(c: HelperCoverage): string[] {
  const reached = c.declared.filter((d) => d.flows > 0).length;
  const verdict = c.notJudged
    ? `not judged (${c.notJudged})`
    : c.unreached.length === 0
      ? "every class reached"
      : `⚠️ ${c.unreached.length} never reached: ${c.unreached.map((u) => `\`${cell(u)}\``).join(", ")}`;
  return [
    `### Spec coverage of ${c.helper}: ${reached} of ${c.declared.length} classes on ${c.specRuns} spec runs, ${verdict}`,
    "",
    "<details><summary>flows per behaviour class</summary>",
    "",
    "| class | flows |",
    "| --- | ---: |",
    ...c.declared.map((d) => `| ${cell(d.name)} | ${d.flows} |`),
    ...c.undeclared.map((d) => `| ${cell(d.name)} (not declared) | ${d.flows} |`),
    "",
    "</details>",
  ];
}

function findingLines(e: CampaignEntry, report: CampaignReport): string[] {
  if (e.saved) {
    return e.saved.failures.flatMap((f) => [
      `**${e.helper}/${f.property}**: saved case \`${f.file}\` fails again: ${cell(f.message.split("\n")[0])}`,
      "",
      "```sh",
      replayCommand(report, f.file),
      "```",
    ]);
  }
  const failure = e.result.failure!;
  const finding = e.finding;
  const file = finding && finding.kind !== "not-saved" ? finding.path : "FILE.json";
  return [
    `**${e.helper}/${e.result.property}**: ${cell(failure.message.split("\n")[0])}`,
    "",
    "```sh",
    replayCommand(report, file),
    againCommand(report.command, report.plan, e.result.property),
    "```",
  ];
}
