// Campaign throughput with 1 and with 2 workers (issue 13: 2 workers >= 1.7x one on a
// 2-core machine). Not a test: the figure depends on what else the machine runs. Each round
// runs `helperfuzz run ftp` once per worker count, alternating, and reads flows/s from its
// JSON report (generated flows over the campaign's wall-clock time, workers' start-up not
// counted), and the CPU time the process used (through /usr/bin/time, when there is one):
// flows per CPU-second says what a second worker costs in overhead even when the machine is
// too busy for the wall-clock figure to show the speed-up. Prints each round and the medians.
//
//   nice -n 10 npx tsx scripts/bench-workers.ts [rounds=3] [runs=20000] [helper=ftp]

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const [rounds = 3, runs = 20_000] = process.argv.slice(2, 4).map(Number);
const helper = process.argv[4] ?? "ftp";
const repo = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "hf-bench-workers-"));

const timeTool = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Flows per wall-clock second, and per CPU-second of the whole process (NaN unknown). */
function measure(workers: number, round: number): { wall: number; cpu: number } {
  const report = join(tmp, `w${workers}-r${round}.json`);
  const cpuFile = join(tmp, `w${workers}-r${round}.cpu`);
  const args = [join(repo, "bin", "helperfuzz.mjs"), "run", helper, "--runs", String(runs)];
  args.push("--seed", "1", "--no-replay-saved", "--workers", String(workers));
  args.push("--findings", join(tmp, "findings"), "--report", `json=${report}`);
  const [command, argv] = timeTool
    ? [timeTool, ["-o", cpuFile, "-f", "%U %S", process.execPath, ...args]]
    : [process.execPath, args];
  const r = spawnSync(command, argv, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (r.status !== 0) throw new Error(`helperfuzz exited ${r.status}: ${r.stderr}`);
  const json = JSON.parse(readFileSync(report, "utf8"));
  const [user, sys] = timeTool
    ? readFileSync(cpuFile, "utf8").trim().split(/\s+/).map(Number)
    : [NaN, NaN];
  return { wall: json.flowsPerSecond, cpu: Math.round(json.flows / (user + sys)) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const one: { wall: number; cpu: number }[] = [];
const two: { wall: number; cpu: number }[] = [];
for (let round = 0; round < rounds; round++) {
  one.push(measure(1, round));
  two.push(measure(2, round));
  const [a, b] = [one.at(-1)!, two.at(-1)!];
  process.stdout.write(
    `round ${round + 1}: 1 worker ${a.wall} flows/s (${a.cpu} per CPU-s), 2 workers ${b.wall} flows/s (${b.cpu} per CPU-s)\n`,
  );
}
const wall = [median(one.map((m) => m.wall)), median(two.map((m) => m.wall))];
const cpu = [median(one.map((m) => m.cpu)), median(two.map((m) => m.cpu))];
process.stdout.write(
  `${helper}, ${runs} flows per property, load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores: median 1 worker ${wall[0]} flows/s, 2 workers ${wall[1]} flows/s, ${(wall[1] / wall[0]).toFixed(2)}x; per CPU-second ${cpu[0]} vs ${cpu[1]} (${((100 * cpu[1]) / cpu[0]).toFixed(0)} % efficiency)\n`,
);
