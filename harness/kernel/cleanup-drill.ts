// A drill for the cleanup test (and for trying by hand): starts the kernel target, runs up
// to 100 flows one after another, and prints what it started so that an outside observer
// can interrupt it mid-run and then check that nothing of it remains.
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

const target = await createKernelTarget();
process.stdout.write(`${JSON.stringify({ started: target.hello })}\n`);
for (let i = 0; i < FLOWS; i++) {
  const outcome = await target.run(flow(i));
  if (i === FLOWS / 2)
    process.stdout.write(`${JSON.stringify({ midway: i, outcome: outcome.expectations })}\n`);
}
await target.close();
process.stdout.write(`${JSON.stringify({ done: FLOWS })}\n`);
