// Campaign throughput with 1 and with 2 workers (issue 13: 2 workers >= 1.7x one on a
// 2-core machine). Not a test: the figure depends on what else the machine runs. Each round
// runs `helperfuzz run ftp` once per worker count, alternating, and reads flows/s from its
// JSON report (generated flows over the campaign's wall-clock time, workers' start-up not
// counted), and the CPU time the process used (through /usr/bin/time, when there is one):
// flows per CPU-second says what a second worker costs in overhead even when the machine is
// too busy for the wall-clock figure to show the speed-up. And the machine's own ceiling: two
// independent 1-worker campaigns at once (different seeds), their flows/s summed: what two
// threads of any program get from this machine at that moment (a VM's second core is not always
// a whole core). Prints each round and the medians.
//
//   nice -n 10 npx tsx scripts/bench-workers.ts [rounds=3] [runs=20000] [helper=ftp]

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const [rounds = 3, runs = 20_000] = process.argv.slice(2, 4).map(Number);
const helper = process.argv[4] ?? "ftp";
const repo = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "hf-bench-workers-"));

const timeTool = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

function campaignArgs(workers: number, seed: number, report: string): string[] {
  const args = [join(repo, "bin", "helperfuzz.mjs"), "run", helper, "--runs", String(runs)];
  args.push("--seed", String(seed), "--no-replay-saved", "--workers", String(workers));
  args.push("--findings", join(tmp, "findings"), "--report", `json=${report}`);
  return args;
}

/** Flows per wall-clock second, and per CPU-second of the whole process (NaN unknown). */
function measure(workers: number, round: number): { wall: number; cpu: number } {
  const report = join(tmp, `w${workers}-r${round}.json`);
  const cpuFile = join(tmp, `w${workers}-r${round}.cpu`);
  const args = campaignArgs(workers, 1, report);
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

/** Two 1-worker campaigns at once: their flows/s summed. */
async function ceiling(round: number): Promise<number> {
  const reports = [2, 3].map((seed) => join(tmp, `pair${seed}-r${round}.json`));
  await Promise.all(
    reports.map(
      (report, i) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, campaignArgs(1, 2 + i, report), {
            stdio: "ignore",
            env: { ...process.env, NO_COLOR: "1" },
          });
          child.on("error", reject);
          child.on("exit", (code) =>
            code === 0 ? resolve() : reject(new Error(`helperfuzz exited ${code}`)),
          );
        }),
    ),
  );
  return reports
    .map((report) => JSON.parse(readFileSync(report, "utf8")).flowsPerSecond as number)
    .reduce((a, b) => a + b, 0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const one: { wall: number; cpu: number }[] = [];
const two: { wall: number; cpu: number }[] = [];
const pair: number[] = [];
for (let round = 0; round < rounds; round++) {
  one.push(measure(1, round));
  two.push(measure(2, round));
  pair.push(await ceiling(round));
  const [a, b, c] = [one.at(-1)!, two.at(-1)!, pair.at(-1)!];
  process.stdout.write(
    `round ${round + 1}: 1 worker ${a.wall} flows/s (${a.cpu} per CPU-s), 2 workers ${b.wall} flows/s (${b.cpu} per CPU-s), two 1-worker campaigns at once ${c} flows/s\n`,
  );
}
const wall = [median(one.map((m) => m.wall)), median(two.map((m) => m.wall))];
const twoAtOnce = median(pair);
const cpu = [median(one.map((m) => m.cpu)), median(two.map((m) => m.cpu))];
process.stdout.write(
  `${helper}, ${runs} flows per property, load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores: median 1 worker ${wall[0]} flows/s, 2 workers ${wall[1]} flows/s, ${(wall[1] / wall[0]).toFixed(2)}x; per CPU-second ${cpu[0]} vs ${cpu[1]} (${((100 * cpu[1]) / cpu[0]).toFixed(0)} % efficiency); two 1-worker campaigns at once ${twoAtOnce} flows/s, ${(twoAtOnce / wall[0]).toFixed(2)}x (the machine's ceiling)\n`,
);
