// Campaign throughput with 1 and with 2 workers (issue 13: 2 workers >= 1.7x one on a
// 2-core machine). Not a test: the figure depends on what else the machine runs. Each round
// runs `helperfuzz run ftp` once per worker count, alternating, and reads flows/s from its
// JSON report (generated flows over the campaign's wall-clock time, workers' start-up not
// counted). Prints each round and the medians.
//
//   nice -n 10 npx tsx scripts/bench-workers.ts [rounds=3] [runs=20000] [helper=ftp]

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [rounds = 3, runs = 20_000] = process.argv.slice(2, 4).map(Number);
const helper = process.argv[4] ?? "ftp";
const repo = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "hf-bench-workers-"));

function flowsPerSecond(workers: number, round: number): number {
  const report = join(tmp, `w${workers}-r${round}.json`);
  const args = [join(repo, "bin", "helperfuzz.mjs"), "run", helper, "--runs", String(runs)];
  args.push("--seed", "1", "--no-replay-saved", "--workers", String(workers));
  args.push("--findings", join(tmp, "findings"), "--report", `json=${report}`);
  const r = spawnSync(process.execPath, args, {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (r.status !== 0) throw new Error(`helperfuzz exited ${r.status}: ${r.stderr}`);
  return JSON.parse(readFileSync(report, "utf8")).flowsPerSecond;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const one: number[] = [];
const two: number[] = [];
for (let round = 0; round < rounds; round++) {
  one.push(flowsPerSecond(1, round));
  two.push(flowsPerSecond(2, round));
  process.stdout.write(
    `round ${round + 1}: 1 worker ${one.at(-1)} flows/s, 2 workers ${two.at(-1)} flows/s\n`,
  );
}
const ratio = median(two) / median(one);
process.stdout.write(
  `${helper}, ${runs} flows per property: median 1 worker ${median(one)} flows/s, 2 workers ${median(two)} flows/s, ${ratio.toFixed(2)}x\n`,
);
