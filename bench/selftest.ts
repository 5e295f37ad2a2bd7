// Checks the gate itself, each gate run a fresh command as CI runs it:
//   npx tsx bench/selftest.ts [--unchanged N] [--planted N] [--against REV]
// --unchanged: N gate runs of this tree against REV (default HEAD: with no hot-path edit
// in the working tree, the same code): every failure is a false alarm; inconclusive runs
// are counted apart.
// --planted: N gate runs with a planted 30 % slowdown in this tree: every pass is a miss.
// bench/load-drill.ts runs the unchanged check beside busy processes.

import { gateRuns, secondsRange } from "./core/gate-runs.ts";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : process.argv[at + 1];
}

const against = option("--against", "HEAD");
const unchanged = Number(option("--unchanged", "0"));
if (unchanged > 0) {
  const s = gateRuns(unchanged, against, [], "unchanged");
  console.log(
    `unchanged tree against ${against}: ${s.failed} false alarms, ${s.inconclusive} inconclusive, ${s.runs - s.failed - s.inconclusive} clean passes in ${s.runs} runs; ${secondsRange(s)}`,
  );
}
const planted = Number(option("--planted", "0"));
if (planted > 0) {
  const s = gateRuns(planted, against, ["--plant-slowdown", "30"], "planted +30%");
  console.log(
    `planted 30% slowdown caught in ${s.failed} of ${s.runs} runs, ${s.inconclusive} ended inconclusive; ${secondsRange(s)}`,
  );
}
