// What a pool of workers gets from this machine on the campaign's own work, without the
// campaign: N chunks of ftp flows (chunk.ts) through tinypool, in worker threads or child
// processes. Run it with 1 worker, with 2, and as two 1-worker runs at once, side by side:
// if 2 workers in one pool match two separate processes, threads are not what bounds
// `run --workers 2` (docs/benchmarks.md "Campaign workers").
//
//   node scripts/pool-ceiling/run.mjs worker_threads|child_process WORKERS CHUNKS

import Tinypool from "tinypool";

const [runtime = "worker_threads", workers = 1, chunks = 200] = process.argv
  .slice(2)
  .map((a, i) => (i === 0 ? a : Number(a)));
const pool = new Tinypool({
  filename: new URL("./entry.mjs", import.meta.url).href,
  runtime,
  minThreads: workers,
  maxThreads: workers,
  isolateWorkers: false,
});
// Each worker loads the modules and warms up on one chunk before the clock starts.
await Promise.all(Array.from({ length: workers }, (_, i) => pool.run({ index: 1000 + i })));
const started = performance.now();
let flows = 0;
await Promise.all(
  Array.from({ length: chunks }, (_, index) => pool.run({ index }).then((n) => (flows += n))),
);
const seconds = (performance.now() - started) / 1000;
console.log(
  `${runtime}, ${workers} worker(s): ${flows} flows in ${seconds.toFixed(1)} s = ${Math.round(flows / seconds)} flows/s`,
);
await pool.destroy();
