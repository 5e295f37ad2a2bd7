// The command lines a report prints: the one that runs the same campaign (or one property of
// it) again and the one that replays a saved case, as they can be typed in a clone or in a
// project that installed helperfuzz.

import {
  askedRuns,
  type CampaignCommand,
  type CampaignPlan,
  type CampaignReport,
} from "../campaign.ts";
import { defaultKnownDifferencesFile } from "../known-differences.ts";

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
  if (command === "check" && plan.knownDifferences !== defaultKnownDifferencesFile(plan.target))
    words.push("--known-differences", plan.knownDifferences ?? "none");
  if (plan.shard && !property) words.push("--shard", `${plan.shard.index + 1}/${plan.shard.count}`);
  return words.map(shellWord).join(" ");
}

export function shellWord(word: string): string {
  return /^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** The command that replays a saved case on the campaign's target. */
export function replayCommand(report: Pick<CampaignReport, "plan" | "command">, file: string) {
  const words = ["npx", "helperfuzz", "replay", file];
  if (report.command === "check" || report.plan.target !== "builtin")
    words.push("--target", report.plan.target);
  return words.map(shellWord).join(" ");
}
