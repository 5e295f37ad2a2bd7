// What a campaign adds up to, for every report: each entry's status, the counts, and the exit
// code they give (1 with a finding, else 3 with the harness's own trouble, a spec behaviour
// class never reached among it, else 0).

import { type CampaignEntry, SAVED_PROPERTY } from "../campaign.ts";
import { helperCoverage } from "../spec-coverage.ts";
import { EXIT } from "../usage.ts";

export type EntryStatus = "held" | "failed" | "skipped" | "harness-error" | "cut";

export function isSavedEntry(e: CampaignEntry): boolean {
  return e.saved !== undefined || e.result.property === SAVED_PROPERTY;
}

export function entryStatus(e: CampaignEntry): EntryStatus {
  if (e.result.failure) return "failed";
  if (e.cut) return "cut";
  if (e.result.harnessError !== undefined) return "harness-error";
  if (e.result.skipped !== undefined) return "skipped";
  return "held";
}

export interface CampaignTotals {
  properties: number;
  held: number;
  failed: number;
  skipped: number;
  harnessErrors: number;
  cut: number;
  /** Generated flows checked, saved cases not counted. */
  flows: number;
  savedCases: number;
  savedFailedAgain: number;
  /** Saved-case replays the harness could not finish. */
  savedHarnessErrors: number;
  /** The campaign ended early by the harness's trouble. */
  campaignHarnessError: boolean;
  /** Declared spec behaviour classes no flow reached, over the judged helpers
   * (spec-coverage.ts): the generators' gap, the harness's trouble. */
  coverageGaps: number;
}

export function campaignTotals(entries: CampaignEntry[], harnessError?: string): CampaignTotals {
  const properties = entries.filter((e) => !isSavedEntry(e));
  const saved = entries.filter(isSavedEntry);
  const count = (status: EntryStatus) => properties.filter((e) => entryStatus(e) === status).length;
  return {
    properties: properties.length,
    held: count("held"),
    failed: count("failed"),
    skipped: count("skipped"),
    harnessErrors: count("harness-error"),
    cut: count("cut"),
    flows: properties.reduce((n, e) => n + e.result.runs, 0),
    savedCases: saved.reduce((n, e) => n + e.result.runs, 0),
    savedFailedAgain: saved.reduce(
      (n, e) => n + (e.saved?.failures.length ?? (e.result.failure ? 1 : 0)),
      0,
    ),
    savedHarnessErrors: saved.filter((e) => e.result.harnessError !== undefined).length,
    campaignHarnessError: harnessError !== undefined,
    coverageGaps: helperCoverage(entries).reduce((n, c) => n + c.unreached.length, 0),
  };
}

export function exitCodeOf(totals: CampaignTotals): number {
  if (totals.failed > 0 || totals.savedFailedAgain > 0) return EXIT.failed;
  if (
    totals.harnessErrors > 0 ||
    totals.cut > 0 ||
    totals.savedHarnessErrors > 0 ||
    totals.campaignHarnessError ||
    totals.coverageGaps > 0
  )
    return EXIT.harness;
  return EXIT.ok;
}
