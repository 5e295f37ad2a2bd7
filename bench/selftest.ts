// Checks the gate itself, each run in a fresh process as CI would run it:
//   npx tsx bench/selftest.ts [--record N] [--unchanged N] [--planted N] [--baseline FILE]
// --record: N quick runs (the mode the gate compares in), each a fresh process; the
// per-workload median of their ratios becomes the baseline, and every process's ratio is
// kept (processRatios) so the gate knows how far a fresh process can land from it. Use
// N >= 5: a JIT layout that one process in three lands on is missed by 3 runs often.
// --unchanged: N quick gate runs on this tree: every failure is a false alarm.
// --planted: N quick gate runs with a planted 30% slowdown: every pass is a miss.

import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { mergeBaseline, readBaseline, writeBaseline } from "./core/baseline.ts";
import type { Figures } from "./core/gate.ts";
import { median } from "./core/stats.ts";

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
        // The median within-run spread: a neighbour's burst during one recording must not
        // widen every threshold. Between-process spread is in processRatios.
        spread: median(runs.map((run) => run[helper][name].spread)),
        rounds: runs[0][helper][name].rounds,
        processRatios: ratios.map((x) => Number(x.toPrecision(5))),
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

/** How many gate runs failed, and per workload how many runs named it a regression. */
function gateRuns(count: number, extra: string[], label: string): number {
  let failures = 0;
  const named = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const load = loadavg()[0].toFixed(2);
    const r = bench(["--quick", "--compare", baselinePath, ...extra]);
    if (r.code !== 0 && r.code !== 1) throw new Error(`gate run exited ${r.code}:\n${r.out}`);
    if (r.code === 1) failures++;
    const lines = r.out.split("\n");
    const regressed = lines.filter((l) => l.startsWith("REGRESSION"));
    const suspected = lines.filter((l) => l.startsWith("suspected:"));
    for (const line of regressed) {
      const name = line.split(" ")[1].replace(/:$/, "");
      named.set(name, (named.get(name) ?? 0) + 1);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(
      `${label} run ${i + 1}: exit ${r.code}, ${seconds} s, load ${load}` +
        [...suspected, ...regressed].map((l) => `\n  ${l}`).join(""),
    );
  }
  const counts = [...named].map(([name, n]) => `${name} ${n}/${count}`).join(", ");
  console.log(`${label}: workloads named a regression: ${counts || "none"}`);
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
