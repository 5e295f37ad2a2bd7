// `--report junit=FILE`: the campaign as JUnit XML, the format CI dashboards read (Jenkins,
// GitLab, GitHub test-report actions). One <testsuite> per helper, one <testcase> per
// property; a finding is a <failure> whose text says how to replay it; the harness's own
// trouble is an <error>; a skipped property is <skipped>. Checked against our JUnit schema,
// test/junit/junit-report.xsd (test/reports.test.ts).

import { hostname } from "node:os";
import type { CampaignEntry, CampaignReport } from "../campaign.ts";
import { describeFinding } from "../findings.ts";
import { helperCoverage } from "../spec-coverage.ts";
import { againCommand, replayCommand } from "./commands-text.ts";
import { entryStatus, isSavedEntry } from "./totals.ts";

function xml(text: string): string {
  return (
    text
      // XML 1.0 cannot hold most control characters, even escaped.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitReport(report: CampaignReport): string {
  const { plan } = report;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = report.entries;
  const failures = all.filter((e) => entryStatus(e) === "failed").length;
  // A helper whose generators never reached a spec behaviour class is an error test case of
  // the "spec-coverage" suite (the harness's trouble, exit 3), so a dashboard is not green.
  const gaps = helperCoverage(all).filter((c) => c.unreached.length > 0);
  const errors =
    all.filter((e) => ["harness-error", "cut"].includes(entryStatus(e))).length +
    (report.harnessError ? 1 : 0) +
    gaps.length;
  const name = `helperfuzz ${report.command} ${plan.target}`;
  // The harness error is a test case of its own "campaign" suite: the totals count it.
  const tests = all.length + (report.harnessError ? 1 : 0) + gaps.length;
  lines.push(
    `<testsuites name="${xml(name)}" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds(report.durationMs)}">`,
  );
  for (const [id, helper] of plan.helpers.entries()) {
    const entries = all.filter((e) => e.helper === helper);
    const count = (statuses: string[]) =>
      entries.filter((e) => statuses.includes(entryStatus(e))).length;
    const time = entries.reduce((n, e) => n + e.result.durationMs, 0);
    lines.push(
      `  <testsuite name="${xml(helper)}" package="helperfuzz.${xml(helper)}" id="${id}" tests="${entries.length}" failures="${count(["failed"])}" errors="${count(["harness-error", "cut"])}" skipped="${count(["skipped"])}" time="${seconds(time)}" timestamp="${xml(report.startedAt.replace(/\.\d+Z$/, ""))}" hostname="${xml(hostname())}">`,
    );
    lines.push("    <properties>");
    const properties: [string, string][] = [
      ["target", plan.target],
      ["reference", plan.reference],
      ["seed", String(plan.seed)],
      ["runs", plan.runs < Number.MAX_SAFE_INTEGER ? String(plan.runs) : "no cap"],
      ["workers", String(report.workers)],
      ...(plan.shard
        ? [["shard", `${plan.shard.index + 1}/${plan.shard.count}`] as [string, string]]
        : []),
      ["again", againCommand(report.command, plan)],
    ];
    for (const [key, value] of properties) {
      lines.push(`      <property name="${xml(key)}" value="${xml(value)}"/>`);
    }
    lines.push("    </properties>");
    for (const e of entries) lines.push(...testcase(e, report));
    lines.push("  </testsuite>");
  }
  if (gaps.length > 0) {
    lines.push(
      `  <testsuite name="spec-coverage" tests="${gaps.length}" failures="0" errors="${gaps.length}">`,
    );
    for (const c of gaps) {
      const text = `the generators never reached: ${c.unreached.join("; ")}`;
      lines.push(
        `    <testcase name="${xml(c.helper)}" classname="helperfuzz.spec-coverage"><error message="${xml(text)}" type="CoverageGap">${xml(text)}</error></testcase>`,
      );
    }
    lines.push("  </testsuite>");
  }
  if (report.harnessError) {
    lines.push(
      `  <testsuite name="campaign" tests="1" failures="0" errors="1">`,
      `    <testcase name="campaign" classname="helperfuzz"><error message="${xml(firstLine(report.harnessError))}" type="HarnessError">${xml(report.harnessError)}</error></testcase>`,
      "  </testsuite>",
    );
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}

function firstLine(text: string): string {
  return text.split("\n")[0];
}

function testcase(e: CampaignEntry, report: CampaignReport): string[] {
  const { result } = e;
  const name = isSavedEntry(e) ? "saved cases" : result.property;
  const open = `    <testcase name="${xml(name)}" classname="${xml(e.helper)}" time="${seconds(result.durationMs)}" assertions="${result.runs}"`;
  const status = entryStatus(e);
  if (status === "held") return [`${open}/>`];
  const inner: string[] = [];
  if (status === "skipped") inner.push(`<skipped>${xml(result.skipped ?? "")}</skipped>`);
  if (status === "harness-error" || status === "cut") {
    inner.push(
      `<error message="${xml(firstLine(result.harnessError ?? ""))}" type="${status === "cut" ? "TimeBudgetCut" : "HarnessError"}">${xml(result.harnessError ?? "")}</error>`,
    );
  }
  if (status === "failed") {
    for (const text of failureTexts(e, report)) {
      inner.push(
        `<failure message="${xml(firstLine(text.message))}" type="PropertyFailure">${xml(text.body)}</failure>`,
      );
    }
  }
  return [`${open}>`, ...inner.map((line) => `      ${line}`), "    </testcase>"];
}

function failureTexts(e: CampaignEntry, report: CampaignReport) {
  if (e.saved) {
    return e.saved.failures.map((f) => ({
      message: `saved case fails again: ${f.message}`,
      body: [
        `saved case ${f.file} (${f.property}) fails again on ${e.result.target}:`,
        f.message,
        `replay: ${replayCommand(report, f.file)}`,
      ].join("\n"),
    }));
  }
  const failure = e.result.failure!;
  const finding = e.finding;
  const file = finding && finding.kind !== "not-saved" ? finding.path : "FILE.json";
  return [
    {
      message: failure.message,
      body: [
        failure.message,
        ...(finding ? describeFinding(finding) : []),
        `replay: ${replayCommand(report, file)}   (seed ${failure.seed}, path ${failure.path})`,
        `again:  ${againCommand(report.command, report.plan, e.result.property)}`,
      ].join("\n"),
    },
  ];
}
