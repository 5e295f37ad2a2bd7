// What a campaign with a known-differences file (check --known-differences) came to: each
// documented class it met, how often (per property), when it was first seen (the time to find
// it), and each difference that is in no class (a finding, with its saved file).

import type { CampaignEntry, CampaignReport } from "../campaign.ts";
import { addTally, type KnownTally } from "../known-difference-mask.ts";
import {
  loadThirdPartyKnownDifferences,
  type ThirdPartyKnownDifference,
} from "../known-differences.ts";
import { isSavedEntry } from "./totals.ts";

export interface KnownClassSummary {
  id: string;
  helper: string;
  verdict: string | null;
  impact: string | null;
  flows: number;
  byProperty: { property: string; flows: number }[];
  firstProperty: string;
  /** The first flow of the campaign that showed it: its number among that property's flows
   * (from 1; the case's number for saved cases). */
  firstFlow: number;
  /** From the start of that property to that flow. */
  firstAfterMs: number;
  /** From the start of the campaign's clock (null when unknown, as after a merge). */
  firstCampaignMs: number | null;
}

export interface UndocumentedDifference {
  helper: string;
  property: string;
  message: string;
  /** Where the flow is saved (null when it could not be written). */
  file: string | null;
}

export interface KnownSummary {
  file: string;
  /** Classes the file documents for the campaign's helpers. */
  documented: number;
  classes: KnownClassSummary[];
  undocumented: UndocumentedDifference[];
}

/** The file's entries, or none when it cannot be read here (a merged report of elsewhere). */
function entriesOf(file: string): ThirdPartyKnownDifference[] {
  try {
    return loadThirdPartyKnownDifferences(file).differences;
  } catch {
    return [];
  }
}

/** The per-entry tallies summed; each class's first sighting is the earliest generated flow
 * of the campaign that showed it (a saved case's when only saved cases did), with its time
 * into its property and into the campaign. */
function classesOf(
  entries: CampaignEntry[],
  clockStartedAt: number | undefined,
  documented: ThirdPartyKnownDifference[],
): KnownClassSummary[] {
  const total: KnownTally = {};
  // A generated flow's sighting goes before a saved case's: the time to find is the search's.
  const first = new Map<
    string,
    { property: string; flow: number; at: number; start: number; saved: boolean }
  >();
  for (const e of entries) {
    if (!e.known) continue;
    addTally(total, e.known);
    const start = e.startedAt ?? clockStartedAt ?? 0;
    const saved = isSavedEntry(e);
    for (const [id, t] of Object.entries(e.known)) {
      const seen = first.get(id);
      const earlier =
        !seen || (seen.saved && !saved) || (seen.saved === saved && t.first.at < seen.at);
      if (earlier) first.set(id, { ...t.first, start, saved });
    }
  }
  const order = (id: string) => {
    const i = documented.findIndex((d) => d.id === id);
    return i === -1 ? Infinity : i;
  };
  return Object.entries(total)
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([id, t]) => {
      const entry = documented.find((d) => d.id === id);
      const seen = first.get(id)!;
      return {
        id,
        helper: entry?.helper ?? id.split("-")[0],
        verdict: entry?.verdict ?? null,
        impact: entry?.impact ?? null,
        flows: t.flows,
        byProperty: Object.entries(t.byProperty).map(([property, flows]) => ({ property, flows })),
        firstProperty: seen.property,
        firstFlow: seen.flow,
        firstAfterMs: Math.max(0, Math.round(seen.at - seen.start)),
        firstCampaignMs:
          clockStartedAt === undefined ? null : Math.max(0, Math.round(seen.at - clockStartedAt)),
      };
    });
}

/** Every failure of the campaign: with a known-differences file, each is a difference (or a
 * misbehaviour) that no documented class explains. */
function undocumentedOf(entries: CampaignEntry[]): UndocumentedDifference[] {
  const found: UndocumentedDifference[] = [];
  for (const e of entries) {
    if (isSavedEntry(e)) {
      for (const f of e.saved?.failures ?? [])
        found.push({ helper: e.helper, property: f.property, message: f.message, file: f.file });
      continue;
    }
    const failure = e.result.failure;
    if (!failure) continue;
    const finding = e.finding;
    found.push({
      helper: e.helper,
      property: e.result.property,
      message: failure.message.split("\n")[0],
      file: finding && finding.kind !== "not-saved" ? finding.path : null,
    });
  }
  return found;
}

export function knownSummary(report: CampaignReport): KnownSummary | undefined {
  const file = report.plan.knownDifferences;
  if (file === undefined) return undefined;
  const entries = entriesOf(file);
  return {
    file,
    documented: entries.filter((d) => report.plan.helpers.includes(d.helper)).length,
    classes: classesOf(report.entries, report.clockStartedAt, entries),
    undocumented: undocumentedOf(report.entries),
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;

/** The summary as the text of `check`'s closing block. */
export function knownSummaryLines(summary: KnownSummary): string[] {
  const lines = [
    `known differences (${summary.file}): ${summary.classes.length} of ${summary.documented} documented classes seen`,
  ];
  const rows = summary.classes.map((c) => [
    c.id,
    c.verdict === "plugin-bug" ? `plugin-bug (${c.impact})` : (c.verdict ?? "?"),
    String(c.flows),
    `${c.firstCampaignMs === null ? "" : `${seconds(c.firstCampaignMs)}: `}${c.firstProperty} flow ${c.firstFlow} (${seconds(c.firstAfterMs)} into it)`,
  ]);
  const header = ["class", "verdict", "flows", "first seen"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ");
  if (rows.length > 0) {
    lines.push(`  ${line(header).trimEnd()}`);
    for (const [i, r] of rows.entries()) {
      lines.push(`  ${line(r).trimEnd()}`);
      const by = summary.classes[i].byProperty.map((p) => `${p.property} ${p.flows}`).join(", ");
      lines.push(`    by property: ${by}`);
    }
  }
  if (summary.undocumented.length === 0) {
    lines.push("every difference found is documented");
  } else {
    lines.push(
      `${summary.undocumented.length} new ${summary.undocumented.length === 1 ? "difference" : "differences"} (in no class of ${summary.file}):`,
    );
    for (const u of summary.undocumented) {
      lines.push(`  ${u.helper}/${u.property}: ${u.file ? `saved as ${u.file}` : "not saved"}`);
      lines.push(`    ${u.message.length > 160 ? `${u.message.slice(0, 159)}…` : u.message}`);
    }
  }
  return lines;
}
