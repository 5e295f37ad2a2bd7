// Repeated runs of the gate, each a fresh `bench --quick --against REV` as CI runs it:
// shared by bench/selftest.ts (quiet runs, planted slowdown) and bench/load-drill.ts (runs
// beside busy processes).

import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";

const cli = join(import.meta.dirname, "..", "..", "bin", "helperfuzz.mjs");

export interface GateRunSummary {
  runs: number;
  /** Exit 1: a false alarm on an unchanged tree, a catch with a planted slowdown. */
  failed: number;
  /** Exit 0 with at least one workload inconclusive. */
  inconclusive: number;
  seconds: number[];
}

/** N gate runs; prints one line a run (exit, time, load, verdict, named workloads). */
export function gateRuns(
  count: number,
  against: string,
  extra: string[],
  label: string,
): GateRunSummary {
  const summary: GateRunSummary = { runs: count, failed: 0, inconclusive: 0, seconds: [] };
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
    const seconds = (performance.now() - started) / 1000;
    summary.seconds.push(seconds);
    const verdict = lines.find((l) => l.startsWith("gate:")) ?? "(no verdict line)";
    const names = (found: string[]) => found.map((l) => l.split(" ")[1].replace(/:$/, ""));
    console.log(
      `${label} run ${i + 1}: exit ${r.status}, ${seconds.toFixed(0)} s, load ${load} → ${loadavg()[0].toFixed(2)}: ${verdict}` +
        (regressed.length > 0
          ? `\n  regressed (${regressed.length}): ${names(regressed).join(" ")}`
          : "") +
        (inconclusive.length > 0
          ? `\n  inconclusive (${inconclusive.length}): ${names(inconclusive).join(" ")}`
          : ""),
    );
  }
  return summary;
}

export function secondsRange(summary: GateRunSummary): string {
  return `${Math.min(...summary.seconds).toFixed(0)}–${Math.max(...summary.seconds).toFixed(0)} s a run`;
}
