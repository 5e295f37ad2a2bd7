// Checks the gate itself, each gate run a fresh command as CI runs it:
//   npx tsx bench/selftest.ts [--unchanged N] [--planted N] [--against REV]
// --unchanged: N gate runs of this tree against REV (default HEAD: with no hot-path edit
// in the working tree, the same code): every failure is a false alarm; inconclusive runs
// are counted apart.
// --planted: N gate runs with a planted 30 % slowdown in this tree: every pass is a miss.
// Prints one line a run and a summary; bench/load-drill.ts runs it beside busy processes.

import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";

const cli = join(import.meta.dirname, "..", "bin", "helperfuzz.mjs");

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : process.argv[at + 1];
}

const against = option("--against", "HEAD");

export interface GateRunSummary {
  runs: number;
  failed: number;
  inconclusive: number;
  seconds: number[];
}

/** N gate runs; returns how many failed and how many passed with an inconclusive. */
function gateRuns(count: number, extra: string[], label: string): GateRunSummary {
  const summary: GateRunSummary = { runs: count, failed: 0, inconclusive: 0, seconds: [] };
  const named = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const load = loadavg()[0].toFixed(2);
    const r = spawnSync(
      process.execPath,
      [cli, "bench", "--quick", "--against", against, ...extra],
      { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 1 << 26 },
    );
    const out = `${r.stdout}${r.stderr}`;
    if (r.status !== 0 && r.status !== 1) throw new Error(`gate run exited ${r.status}:\n${out}`);
    const lines = out.split("\n");
    const regressed = lines.filter((l) => l.startsWith("REGRESSION"));
    const inconclusive = lines.filter((l) => l.startsWith("INCONCLUSIVE"));
    if (r.status === 1) summary.failed++;
    else if (inconclusive.length > 0) summary.inconclusive++;
    for (const line of regressed) {
      const name = line.split(" ")[1].replace(/:$/, "");
      named.set(name, (named.get(name) ?? 0) + 1);
    }
    const seconds = (performance.now() - started) / 1000;
    summary.seconds.push(seconds);
    const verdict = lines.find((l) => l.startsWith("gate:")) ?? "(no verdict line)";
    console.log(
      `${label} run ${i + 1}: exit ${r.status}, ${seconds.toFixed(0)} s, load ${load} → ${loadavg()[0].toFixed(2)}: ${verdict}` +
        [...regressed, ...inconclusive].map((l) => `\n  ${l}`).join(""),
    );
  }
  const counts = [...named].map(([name, n]) => `${name} ${n}/${count}`).join(", ");
  console.log(`${label}: workloads named a regression: ${counts || "none"}`);
  return summary;
}

const unchanged = Number(option("--unchanged", "0"));
if (unchanged > 0) {
  const s = gateRuns(unchanged, [], "unchanged");
  console.log(
    `unchanged tree against ${against}: ${s.failed} false alarms, ${s.inconclusive} inconclusive, ${s.runs - s.failed - s.inconclusive} clean passes in ${s.runs} runs; ${Math.min(...s.seconds).toFixed(0)}–${Math.max(...s.seconds).toFixed(0)} s a run`,
  );
}
const planted = Number(option("--planted", "0"));
if (planted > 0) {
  const s = gateRuns(planted, ["--plant-slowdown", "30"], "planted +30%");
  console.log(
    `planted 30% slowdown caught in ${s.failed} of ${s.runs} runs; ${Math.min(...s.seconds).toFixed(0)}–${Math.max(...s.seconds).toFixed(0)} s a run`,
  );
}
