// The shards of one campaign (`--shard i/n`, one JSON report each) combined into the report of
// the whole campaign: each property's chunks from every shard, counted in order up to the
// first that ended it, exactly as one unsharded campaign counts them (campaign-chunks.ts).

import type { CampaignEntry, CampaignReport } from "../campaign.ts";
import type { ChunkRecord } from "../campaign-chunks.ts";
import { countedChunks } from "../campaign-chunks.ts";
import { addTally, type KnownTally } from "../known-difference-mask.ts";
import { addCoverage, emptyCoverage } from "../spec-coverage.ts";
import { UsageError } from "../usage.ts";
import { isSavedEntry } from "./totals.ts";

export interface SourcedReport {
  source: string;
  report: CampaignReport;
}

const ENDING: ChunkRecord["ended"][] = ["failure", "harness error", "skipped", "cut"];

/** The fields every shard of one campaign shares. */
function campaignKey(report: CampaignReport): Record<string, unknown> {
  const { plan } = report;
  return {
    command: report.command,
    helpers: plan.helpers,
    properties: plan.properties ?? null,
    target: plan.target,
    reference: plan.reference,
    seed: plan.seed,
    runs: plan.runs,
    timeSeconds: plan.timeSeconds ?? null,
    shards: plan.shard?.count ?? null,
    knownDifferences: plan.knownDifferences ?? null,
  };
}

export function mergeReports(reports: SourcedReport[]): CampaignReport {
  if (reports.length === 0) throw new UsageError("merge needs at least one report");
  const first = reports[0];
  const key = campaignKey(first.report);
  for (const { source, report } of reports.slice(1)) {
    const other = campaignKey(report);
    for (const field of Object.keys(key)) {
      if (JSON.stringify(key[field]) !== JSON.stringify(other[field])) {
        throw new UsageError(
          `${source} is not a shard of the campaign of ${first.source}: its ${field} is ${JSON.stringify(other[field])}, not ${JSON.stringify(key[field])}`,
        );
      }
    }
  }
  const count = first.report.plan.shard?.count;
  if (count === undefined && reports.length > 1) {
    throw new UsageError(
      `${first.source} is a whole campaign (no --shard): only the shards of one campaign merge`,
    );
  }
  const seen = new Map<number, string>();
  for (const { source, report } of reports) {
    const index = report.plan.shard?.index ?? 0;
    const earlier = seen.get(index);
    if (earlier !== undefined) {
      throw new UsageError(`${source} and ${earlier} are the same shard ${index + 1}/${count}`);
    }
    seen.set(index, source);
  }
  const missing =
    count === undefined
      ? []
      : Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));

  const all = reports.map((r) => r.report);
  const { shard: _shard, ...plan } = first.report.plan;
  const harnessErrors = all.flatMap((r) => (r.harnessError ? [r.harnessError] : []));
  if (missing.length > 0) {
    harnessErrors.push(
      `only ${reports.length} of ${count} shards were merged (missing: ${missing.map((i) => `${i + 1}/${count}`).join(", ")}): part of the campaign has no verdict`,
    );
  }
  const starts = all.flatMap((r) => (r.targetStarts === undefined ? [] : [r.targetStarts]));
  return {
    plan,
    command: first.report.command,
    entries: [...mergeSaved(all), ...mergeProperties(all)],
    workers: all.reduce((n, r) => n + r.workers, 0),
    // The shards ran side by side: the campaign took as long as the longest.
    durationMs: Math.max(...all.map((r) => r.durationMs)),
    startedAt: all.map((r) => r.startedAt).sort()[0],
    ...(starts.length > 0 ? { targetStarts: starts.reduce((a, b) => a + b, 0) } : {}),
    ...(harnessErrors.length > 0 ? { harnessError: harnessErrors.join("; ") } : {}),
  };
}

/** Every shard replays the same saved cases: one entry per helper, each failure once. */
function mergeSaved(all: CampaignReport[]): CampaignEntry[] {
  const byHelper = new Map<string, CampaignEntry>();
  for (const e of all.flatMap((r) => r.entries.filter(isSavedEntry))) {
    const merged = byHelper.get(e.helper);
    if (!merged) {
      byHelper.set(e.helper, structuredClone(e));
      continue;
    }
    merged.result.runs = Math.max(merged.result.runs, e.result.runs);
    if (!merged.saved || !e.saved) continue;
    for (const failure of e.saved.failures) {
      if (!merged.saved.failures.some((f) => f.file === failure.file))
        merged.saved.failures.push(failure);
    }
    merged.saved.problems = [...new Set([...merged.saved.problems, ...e.saved.problems])];
    merged.result.failure ??= e.result.failure;
    merged.finding ??= e.finding;
  }
  return [...byHelper.values()];
}

function mergeProperties(all: CampaignReport[]): CampaignEntry[] {
  const groups = new Map<string, CampaignEntry[]>();
  for (const e of all.flatMap((r) => r.entries.filter((x) => !isSavedEntry(x)))) {
    const name = `${e.helper}/${e.result.property}`;
    groups.set(name, [...(groups.get(name) ?? []), e]);
  }
  return [...groups.values()].map(mergeProperty);
}

function mergeProperty(parts: CampaignEntry[]): CampaignEntry {
  const chunks = parts.flatMap((e, part) => (e.chunks ?? []).map((c) => ({ ...c, part })));
  const counted = countedChunks(chunks, (c) => ENDING.includes(c.ended));
  const last = counted.at(-1);
  const verdict = last && ENDING.includes(last.ended) ? parts[last.part] : undefined;
  const base = parts[0];
  const entry: CampaignEntry = {
    helper: base.helper,
    result: {
      property: base.result.property,
      target: base.result.target,
      seed: base.result.seed,
      runs: counted.reduce((n, c) => n + c.runs, 0),
      durationMs: counted.reduce((n, c) => n + c.durationMs, 0),
      timedOut: parts.some((e) => e.result.timedOut),
    },
    ...(base.askedRuns !== undefined ? { askedRuns: base.askedRuns } : {}),
    chunks: counted.map(({ part: _part, ...c }) => c),
  };
  // Each shard's known classes (its times are from its own start of the property).
  const known = parts.reduce<KnownTally>((sum, e) => addTally(sum, e.known), {});
  if (Object.keys(known).length > 0) Object.assign(entry, { known, startedAt: 0 });
  // Each shard's spec coverage: its chunks are disjoint from the others', so they add up.
  const coverage = parts.reduce((sum, e) => addCoverage(sum, e.coverage), emptyCoverage());
  if (coverage.specRuns > 0 && !verdict?.result.failure) entry.coverage = coverage;
  if (verdict) {
    const { failure, harnessError, skipped } = verdict.result;
    Object.assign(entry.result, {
      ...(failure ? { failure } : {}),
      ...(harnessError !== undefined ? { harnessError } : {}),
      ...(skipped !== undefined ? { skipped } : {}),
    });
    if (verdict.finding) entry.finding = verdict.finding;
    if (verdict.outcomes) entry.outcomes = verdict.outcomes;
    if (verdict.cut) entry.cut = true;
  }
  return entry;
}
