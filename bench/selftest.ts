// Checks the gate itself, each run in a fresh process as CI would run it:
//   npx tsx bench/selftest.ts [--record N] [--unchanged N] [--planted N] [--baseline FILE]
// --record: N quick runs (the mode the gate compares in), the per-workload median of their ratios becomes the baseline
// (one process can land on an unlucky JIT layout; the median of several does not).
// --unchanged: N quick gate runs on this tree: every failure is a false alarm.
// --planted: N quick gate runs with a planted 30% slowdown: every pass is a miss.

import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mergeBaseline, readBaseline, writeBaseline } from "./core/baseline.ts";
import type { Figures } from "./core/gate.ts";
import { median, relativeSpread } from "./core/stats.ts";

const cli = join(import.meta.dirname, "..", "bin", "helperfuzz.mjs");

function bench(args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [cli, "bench", ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

const baselinePath = (() => {
  const at = process.argv.indexOf("--baseline");
  return at < 0 ? join(import.meta.dirname, "baseline.json") : process.argv[at + 1];
})();

const records = flag("--record", 0);
if (records > 0) {
  const dir = mkdtempSync(join(tmpdir(), "hf-bench-"));
  const runs: Figures[] = [];
  for (let i = 0; i < records; i++) {
    const file = join(dir, `run${i}.json`);
    const r = bench(["--quick", "--update-baseline", file]);
    if (r.code !== 0) throw new Error(`recording run ${i} failed:\n${r.out}`);
    runs.push(readBaseline(file).helpers);
  }
  const merged: Figures = {};
  for (const [helper, workloads] of Object.entries(runs[0])) {
    merged[helper] = {};
    for (const name of Object.keys(workloads)) {
      const ratios = runs.map((run) => run[helper][name].ratio);
      merged[helper][name] = {
        ratio: median(ratios),
        // Within-run spread: the drift between processes is what the policy minimum is for,
        // and a neighbour's burst during one recording must not widen every threshold.
        spread: median(runs.map((run) => run[helper][name].spread)),
        rounds: runs[0][helper][name].rounds,
        drift: relativeSpread(ratios),
      };
      console.log(`${helper}/${name}: ratios ${ratios.map((x) => x.toFixed(2)).join(" ")}`);
    }
  }
  const first = readBaseline(join(dir, "run0.json"));
  writeBaseline(
    baselinePath,
    mergeBaseline(undefined, merged, {
      ...first.recorded,
      mode: `median of ${records} quick runs`,
    }),
  );
  console.log(`baseline written: ${baselinePath}`);
}

function gateRuns(count: number, extra: string[], label: string): number {
  let failures = 0;
  for (let i = 0; i < count; i++) {
    const r = bench(["--quick", "--compare", baselinePath, ...extra]);
    if (r.code !== 0 && r.code !== 1) throw new Error(`gate run exited ${r.code}:\n${r.out}`);
    if (r.code === 1) failures++;
    const regressed = r.out.split("\n").filter((l) => l.startsWith("REGRESSION"));
    console.log(
      `${label} run ${i + 1}: exit ${r.code}${regressed.length ? `\n  ${regressed.join("\n  ")}` : ""}`,
    );
  }
  return failures;
}

const unchanged = flag("--unchanged", 0);
if (unchanged > 0) {
  const alarms = gateRuns(unchanged, [], "unchanged");
  console.log(`false alarms: ${alarms} of ${unchanged} runs on an unchanged tree`);
}
const planted = flag("--planted", 0);
if (planted > 0) {
  const caught = gateRuns(planted, ["--plant-slowdown", "30"], "planted +30%");
  console.log(`planted 30% slowdown caught in ${caught} of ${planted} runs`);
}
