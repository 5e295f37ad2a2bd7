// `--report json=FILE`: the whole campaign as one versioned document (docs/report-schema.md):
// its plan, every property with its chunks (seeds and runs), each finding with the commands
// that replay it, the throughput. `helperfuzz merge` reads these back (fromJsonReport) to
// combine the shards of a CI matrix.

import type { Flow } from "../../helpers/core/model.ts";
import type { CampaignEntry, CampaignPlan, CampaignReport } from "../campaign.ts";
import { SAVED_PROPERTY } from "../campaign.ts";
import { caseToJsonValue, parseCase } from "../corpus.ts";
import type { KnownTally } from "../known-difference-mask.ts";
import { byName, helperCoverage } from "../spec-coverage.ts";
import { UsageError } from "../usage.ts";
import { againCommand, replayCommand } from "./commands-text.ts";
import { knownSummary } from "./known-summary.ts";
import { campaignTotals, entryStatus } from "./totals.ts";

export const REPORT_SCHEMA = "helperfuzz-campaign-report";
export const REPORT_VERSION = 1;

/** The document, as toJsonReport writes it (docs/report-schema.md describes each field). */
export type JsonReport = ReturnType<typeof toJsonReport>;

function flowToJson(flow: Flow): unknown {
  return caseToJsonValue({ name: "flow", property: "flow", flow }).flow;
}

function flowFromJson(json: unknown, source: string): Flow {
  return parseCase({ name: "flow", property: "flow", flow: json }, source).flow;
}

export function toJsonReport(report: CampaignReport, exitCode: number) {
  const { plan } = report;
  const totals = campaignTotals(report.entries, report.harnessError);
  const seconds = report.durationMs / 1000;
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    command: report.command,
    plan: {
      helpers: plan.helpers,
      properties: plan.properties ?? null,
      target: plan.target,
      targetOptions: plan.targetOptions ?? null,
      reference: plan.reference,
      seed: plan.seed,
      runs: plan.runs < Number.MAX_SAFE_INTEGER ? plan.runs : null,
      timeSeconds: plan.timeSeconds ?? null,
      findingsDir: plan.findingsDir,
      shard: plan.shard ? { index: plan.shard.index + 1, count: plan.shard.count } : null,
      replaySaved: plan.replaySaved !== false,
      knownDifferences: plan.knownDifferences ?? null,
    },
    workers: report.workers,
    startedAt: report.startedAt,
    durationMs: Math.round(report.durationMs),
    flows: totals.flows,
    flowsPerSecond: seconds > 0 ? Math.round(totals.flows / seconds) : 0,
    targetStarts: report.targetStarts ?? null,
    harnessError: report.harnessError ?? null,
    exitCode,
    totals,
    again: againCommand(report.command, plan),
    knownDifferences: knownSummary(report) ?? null,
    specCoverage: helperCoverage(report.entries).map((c) => ({
      helper: c.helper,
      specRuns: c.specRuns,
      judged: c.notJudged === undefined,
      notJudged: c.notJudged ?? null,
      unreached: c.unreached,
      declared: c.declared,
      undeclared: c.undeclared,
    })),
    results: report.entries.map((e) => resultToJson(e, report)),
  };
}

function resultToJson(e: CampaignEntry, report: CampaignReport) {
  const { result } = e;
  const failure = result.failure;
  const seconds = result.durationMs / 1000;
  const finding = e.finding;
  return {
    helper: e.helper,
    property: result.property,
    kind: e.saved ? "saved-cases" : "property",
    status: entryStatus(e),
    target: result.target,
    runs: result.runs,
    askedRuns: e.askedRuns ?? null,
    seed: result.seed,
    durationMs: Math.round(result.durationMs * 1000) / 1000,
    flowsPerSecond: seconds > 0 ? Math.round(result.runs / seconds) : 0,
    timedOut: result.timedOut,
    skipped: result.skipped ?? null,
    harnessError: result.harnessError ?? null,
    chunks: e.chunks ?? [],
    knownDifferences: knownOfEntry(e),
    specCoverage: e.coverage
      ? {
          specRuns: e.coverage.specRuns,
          reached: Object.entries(e.coverage.reached)
            .sort(byName)
            .map(([name, flows]) => ({ name, flows })),
        }
      : null,
    failure: failure
      ? {
          message: failure.message,
          seed: failure.seed,
          path: failure.path,
          shrinks: failure.shrinks,
          shrinkSteps: failure.shrinkSteps ?? null,
          shrinkStoppedBy: failure.shrinkStoppedBy ?? null,
          flow: flowToJson(failure.flow),
          finding: finding
            ? finding.kind === "not-saved"
              ? { kind: finding.kind, reason: finding.reason, json: finding.json }
              : { kind: finding.kind, path: finding.path }
            : null,
          replay:
            finding && finding.kind !== "not-saved" ? replayCommand(report, finding.path) : null,
          again: e.saved ? null : againCommand(report.command, report.plan, result.property),
        }
      : null,
    saved: e.saved
      ? {
          cases: e.saved.cases,
          problems: e.saved.problems,
          failures: e.saved.failures.map((f) => ({
            file: f.file,
            name: f.name,
            property: f.property,
            message: f.message,
            flow: flowToJson(f.flow),
            replay: replayCommand(report, f.file),
          })),
        }
      : null,
  };
}

/** The known classes masked in one entry: how often, and its first flow that showed each
 * (its number in the entry, and how long after the entry started). */
function knownOfEntry(e: CampaignEntry) {
  return Object.entries(e.known ?? {}).map(([id, t]) => ({
    id,
    flows: t.flows,
    firstFlow: t.first.flow,
    firstAfterMs: Math.max(0, Math.round(t.first.at - (e.startedAt ?? t.first.at))),
  }));
}

/** An entry's known classes read back: times relative to the entry's start (0). */
function knownFromJson(
  property: string,
  known: ReturnType<typeof knownOfEntry> | undefined,
): KnownTally | undefined {
  if (!known || known.length === 0) return undefined;
  const tally: KnownTally = {};
  for (const k of known) {
    tally[k.id] = {
      flows: k.flows,
      byProperty: { [property]: k.flows },
      first: { property, flow: k.firstFlow, at: k.firstAfterMs },
    };
  }
  return tally;
}

/** A report read back, for `merge`: the campaign it describes, as the commands hold it. */
export function fromJsonReport(json: unknown, source: string): CampaignReport {
  const doc = json as JsonReport;
  if (typeof doc !== "object" || doc === null || doc.schema !== REPORT_SCHEMA) {
    throw new UsageError(`${source}: not a helperfuzz campaign report (--report json=FILE)`);
  }
  if (doc.version !== REPORT_VERSION) {
    throw new UsageError(
      `${source}: report version ${doc.version}; this helperfuzz reads version ${REPORT_VERSION}`,
    );
  }
  const p = doc.plan;
  const plan: CampaignPlan = {
    helpers: p.helpers,
    ...(p.properties ? { properties: p.properties } : {}),
    runs: p.runs ?? Number.MAX_SAFE_INTEGER,
    ...(p.timeSeconds !== null ? { timeSeconds: p.timeSeconds } : {}),
    seed: p.seed,
    target: p.target,
    ...(p.targetOptions ? { targetOptions: p.targetOptions } : {}),
    reference: p.reference,
    findingsDir: p.findingsDir,
    ...(p.shard ? { shard: { index: p.shard.index - 1, count: p.shard.count } } : {}),
    replaySaved: p.replaySaved,
    ...(p.knownDifferences ? { knownDifferences: p.knownDifferences } : {}),
  };
  const entries: CampaignEntry[] = doc.results.map((r) => {
    const entry: CampaignEntry = {
      helper: r.helper,
      result: {
        property: r.property,
        target: r.target,
        runs: r.runs,
        seed: r.seed,
        durationMs: r.durationMs,
        timedOut: r.timedOut,
        ...(r.skipped !== null ? { skipped: r.skipped } : {}),
        ...(r.harnessError !== null ? { harnessError: r.harnessError } : {}),
      },
      ...(r.askedRuns !== null ? { askedRuns: r.askedRuns } : {}),
      chunks: r.chunks,
      ...(r.status === "cut" ? { cut: true } : {}),
    };
    // Reports of helperfuzz before spec coverage have no specCoverage.
    if (r.specCoverage) {
      const reached = Object.fromEntries(r.specCoverage.reached.map((c) => [c.name, c.flows]));
      entry.coverage = { specRuns: r.specCoverage.specRuns, reached };
    }
    const known = knownFromJson(r.property, r.knownDifferences);
    if (known) Object.assign(entry, { known, startedAt: 0 });
    if (r.failure) {
      const f = r.failure;
      entry.result.failure = {
        flow: flowFromJson(f.flow, source),
        message: f.message,
        seed: f.seed,
        path: f.path,
        shrinks: f.shrinks,
        ...(f.shrinkSteps !== null ? { shrinkSteps: f.shrinkSteps } : {}),
        ...(f.shrinkStoppedBy !== null ? { shrinkStoppedBy: f.shrinkStoppedBy } : {}),
      };
      if (f.finding) entry.finding = f.finding;
    }
    if (r.saved) {
      entry.saved = {
        cases: r.saved.cases,
        problems: r.saved.problems,
        failures: r.saved.failures.map((f) => ({
          file: f.file,
          name: f.name,
          property: f.property,
          message: f.message,
          flow: flowFromJson(f.flow, source),
        })),
      };
    }
    if (r.kind === "saved-cases" && !entry.saved) entry.result.property = SAVED_PROPERTY;
    return entry;
  });
  return {
    plan,
    command: doc.command,
    entries,
    workers: doc.workers,
    durationMs: doc.durationMs,
    startedAt: doc.startedAt,
    ...(doc.targetStarts !== null ? { targetStarts: doc.targetStarts } : {}),
    ...(doc.harnessError !== null ? { harnessError: doc.harnessError } : {}),
  };
}
