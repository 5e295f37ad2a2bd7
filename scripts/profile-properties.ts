// Where a campaign's time goes, per property (issue 16 item 3): each property of a helper
// runs a few chunks of 500 flows in this thread under V8's sampling profiler, and every
// sample is put in the category of the innermost frame that has one:
//
//   generation  fast-check and pure-rand (the arbitraries' own code runs inside them)
//   fast helper helpers/<name>/*.ts and helpers/core/driver.ts (the builtin target's run)
//   spec model  helpers/<name>/spec/ and helpers/spec-core/
//   check       properties/core/runner.ts's predicate and what the property does around
//               the two runs (outcome comparison, its own checks)
//   gc          V8's garbage collector on this thread
//   other       (program): V8's own work outside any JavaScript frame
//
// Shared code with no category of its own (helpers/core/address.ts, say) counts for the
// caller. Flows/s is measured in the same process without the profiler, after a warm-up.
//
//   nice npx tsx scripts/profile-properties.ts [helper=ftp] [chunks=6]

import { Session } from "node:inspector/promises";
import { helperRegistry } from "../helpers/registry.ts";
import { builtinTarget, specTarget } from "../properties/core/in-process.ts";
import type { FlowProperty } from "../properties/core/property.ts";
import { checkProperty } from "../properties/core/runner.ts";
import { propertyRegistry } from "../properties/registry.ts";

const helper = process.argv[2] ?? "ftp";
const chunks = Number(process.argv[3] ?? 6);
const kit = propertyRegistry[helper];
if (!kit) {
  process.stderr.write(`profile-properties: no helper "${helper}"\n`);
  process.exit(2);
}
const subject = {
  target: builtinTarget,
  reference: specTarget,
  helper: helperRegistry[helper].helper,
};
const CATEGORIES = ["generation", "fast helper", "spec model", "check", "gc", "other"] as const;
type Category = (typeof CATEGORIES)[number];

function categoryOf(url: string, functionName: string): Category | undefined {
  if (functionName === "(garbage collector)") return "gc";
  if (/node_modules\/(fast-check|pure-rand)\//.test(url)) return "generation";
  if (/\/helpers\/[^/]+\/spec\/|\/helpers\/spec-core\//.test(url)) return "spec model";
  if (/\/helpers\/core\/driver\.ts/.test(url)) return "fast helper";
  if (/\/helpers\/(?!core\/)[^/]+\/[^/]+\.ts/.test(url)) return "fast helper";
  if (/\/properties\/core\/runner\.ts/.test(url)) return "check";
  return undefined;
}

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}

function shares(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, Category>();
  const categorize = (id: number): Category => {
    const known = memo.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const up = parent.get(id);
    const own = categoryOf(node.callFrame.url, node.callFrame.functionName);
    const category = own ?? (up === undefined ? "other" : categorize(up));
    memo.set(id, category);
    return category;
  };
  const time = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    // Idle time, and the inspector's own dispatch of Profiler.stop (sampled while it builds
    // the profile), are no work of the campaign's.
    const name = node.callFrame.functionName;
    if (name === "(idle)" || (name === "dispatch" && node.callFrame.url === "")) return;
    time[categorize(id)] += profile.timeDeltas[i];
    total += profile.timeDeltas[i];
  });
  return CATEGORIES.map((c) => (100 * time[c]) / total);
}

const run = (property: FlowProperty, first: number, count: number) => {
  let flows = 0;
  for (let chunk = first; chunk < first + count; chunk++)
    flows += checkProperty(property, subject, { numRuns: 1_000_000, seed: 11, chunk }).runs;
  return flows;
};

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
process.stdout.write(
  `| property | flows/s | ${CATEGORIES.map((c) => `${c} %`).join(" | ")} |\n| --- | ---: |${" ---: |".repeat(CATEGORIES.length)}\n`,
);
for (const property of kit.properties) {
  run(property, 1000, 1);
  const started = performance.now();
  const flows = run(property, 0, chunks);
  const perSecond = Math.round(flows / ((performance.now() - started) / 1000));
  await session.post("Profiler.start");
  run(property, 100, chunks);
  const { profile } = await session.post("Profiler.stop");
  const cells = shares(profile as never).map((s) => s.toFixed(0));
  process.stdout.write(`| ${property.name} | ${perSecond} | ${cells.join(" | ")} |\n`);
}
session.disconnect();
