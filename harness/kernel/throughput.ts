// Kernel-target throughput: FTP flows (USER, then a PORT naming a different data port
// each), pipelined through one agent per CPU, each answer checked for its expectation.
//   node --import tsx harness/kernel/throughput.ts [flows=20000] [agents=2] [inflight=1024]

import { cpus } from "node:os";
import type { Flow } from "../../helpers/core/model.ts";
import { createKernelTarget, type KernelTarget } from "./target.ts";

const total = Number(process.argv[2] ?? 20_000);
const agents = Number(process.argv[3] ?? Math.min(2, cpus().length));
const inflight = Number(process.argv[4] ?? 1024);
const text = new TextEncoder();
const user = text.encode("USER a\r\n");

function flow(i: number): Flow {
  const port = 1024 + (i % 60000);
  return {
    helper: "ftp",
    l4: "tcp",
    client: { addr: "198.18.1.2", port: 40000 },
    server: { addr: "198.19.1.2", port: 21 },
    segments: [
      { dir: "orig", data: user },
      { dir: "orig", data: text.encode(`PORT 198,18,1,2,${port >> 8},${port & 255}\r\n`) },
    ],
  };
}

async function drive(target: KernelTarget, share: number[]): Promise<number> {
  let wrong = 0;
  let next = 0;
  async function lane(): Promise<void> {
    while (next < share.length) {
      const i = share[next++];
      const outcome = await target.run(flow(i));
      if (outcome.expectations.length !== 1 || outcome.expectations[0].dport !== 1024 + (i % 60000))
        wrong++;
    }
  }
  await Promise.all(Array.from({ length: Math.ceil(inflight / agents) }, lane));
  return wrong;
}

const targets = await Promise.all(
  Array.from({ length: agents }, (_, cpu) => createKernelTarget({ cpu })),
);
const shares = targets.map((_, a) =>
  Array.from({ length: Math.ceil(total / agents) }, (_, k) => k * agents + a).filter(
    (i) => i < total,
  ),
);
const started = performance.now();
const wrong = (await Promise.all(targets.map((t, a) => drive(t, shares[a])))).reduce(
  (x, y) => x + y,
  0,
);
const seconds = (performance.now() - started) / 1000;
await Promise.all(targets.map((t) => t.close()));
console.log(
  JSON.stringify({
    flows: total,
    agents,
    inflight,
    seconds: +seconds.toFixed(2),
    flowsPerSecond: Math.round(total / seconds),
    wrong,
  }),
);
