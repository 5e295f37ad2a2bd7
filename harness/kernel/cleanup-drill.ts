// A drill for the cleanup test (and for trying by hand): runs the kernel target 100 times
// and prints what it started, so that an outside observer can interrupt the last run
// mid-flow and then check that nothing of any run remains.
//   node --import tsx harness/kernel/cleanup-drill.ts

import type { Flow } from "../../helpers/core/model.ts";
import { createKernelTarget } from "./target.ts";

const FLOWS = 100;
const text = new TextEncoder();

function flow(i: number): Flow {
  return {
    helper: "ftp",
    l4: "tcp",
    client: { addr: "198.18.1.2", port: 40000 },
    server: { addr: "198.19.1.2", port: 21 },
    segments: [
      { dir: "orig", data: text.encode("USER a\r\n") },
      { dir: "orig", data: text.encode(`PORT 198,18,1,2,${4 + (i >> 8)},${i & 255}\r\n`) },
    ],
  };
}

// Runs the kernel target RUNS times (start, a few flows, close); the last run keeps sending
// flows until the observer interrupts it. Every start is announced, so the observer can
// check afterwards that none of them left anything behind.
const RUNS = 100;
for (let run = 1; run <= RUNS; run++) {
  const target = await createKernelTarget();
  process.stdout.write(`${JSON.stringify({ started: target.hello, run })}\n`);
  const last = run === RUNS;
  for (let i = 0; i < (last ? FLOWS : 2); i++) {
    const outcome = await target.run(flow(i));
    if (last && i === 2) {
      process.stdout.write(`${JSON.stringify({ midway: i, outcome: outcome.expectations })}\n`);
    }
  }
  await target.close();
}
process.stdout.write(`${JSON.stringify({ done: RUNS })}\n`);
