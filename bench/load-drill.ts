// The gate beside other work: starts 6 CPU-bound and 2 memory-bound busy processes, runs
// the gate N times on this tree against REV, and ends the busy processes by their PIDs.
//   npx tsx bench/load-drill.ts [--runs 10] [--against HEAD]
// Every busy process also ends itself after --max-minutes (default 60), so a killed drill
// leaves nothing running for long. Run it when the machine is yours to load.

import { type ChildProcess, spawn } from "node:child_process";
import { gateRuns, secondsRange } from "./core/gate-runs.ts";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : process.argv[at + 1];
}

const runs = Number(option("--runs", "10"));
const against = option("--against", "HEAD");
const endAt = Date.now() + Number(option("--max-minutes", "60")) * 60_000;

const CPU_BOUND = `const end = ${endAt}; while (Date.now() < end) for (let i = 0; i < 1e6; i++);`;
/** Fills and walks a 512 MiB buffer: memory bandwidth and the shared caches. */
const MEMORY_BOUND = `const end = ${endAt}; const b = Buffer.alloc(512 << 20); let s = 0;
for (let k = 0; Date.now() < end; k++) { b.fill(k & 255); for (let j = 0; j < b.length; j += 64) s += b[j]; }`;

const busy: ChildProcess[] = [
  ...Array.from({ length: 6 }, () =>
    spawn(process.execPath, ["-e", CPU_BOUND], { stdio: "ignore" }),
  ),
  ...Array.from({ length: 2 }, () =>
    spawn(process.execPath, ["-e", MEMORY_BOUND], { stdio: "ignore" }),
  ),
];
const stopBusy = () => {
  for (const child of busy) if (child.pid !== undefined && child.exitCode === null) child.kill();
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    stopBusy();
    process.exit(1);
  });
}
console.log(`busy processes: ${busy.map((c) => c.pid).join(" ")} (6 CPU-bound, 2 memory-bound)`);
try {
  // Let the load average climb before the first run.
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  const s = gateRuns(runs, against, [], "under load");
  console.log(
    `under load, unchanged tree against ${against}: ${s.failed} false alarms, ${s.inconclusive} inconclusive, ${s.runs - s.failed - s.inconclusive} clean passes in ${s.runs} runs; ${secondsRange(s)}`,
  );
} finally {
  stopBusy();
}
