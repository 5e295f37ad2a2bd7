// A stand-in for line-channel-worker.mjs that keeps the channel's message contract (each
// reply posted with its request's tag, then the tag stored in the shared word and the main
// thread notified) and answers each exchange with its own line, so a test can plant one
// timing fault of the worker thread (`fault`: JavaScript run before each exchange's answer,
// with `message`, `requests`, `shared`, `port` and `sleep(ms)` in scope).

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export function fakeChannelWorker(dir: string, name: string, fault: string): URL {
  const path = join(dir, name);
  writeFileSync(
    path,
    `import { spawn } from "node:child_process";
import { workerData } from "node:worker_threads";
const { port, shared: buffer } = workerData;
const shared = new Int32Array(buffer);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let child = null;
let requests = 0;
async function answer(message) {
  requests++;
  if (message.op === "start") {
    // A real child of ours, so the channel's kill-by-pid on distrust hits only it.
    child = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    return { kind: "started", pid: child.pid };
  }
  if (message.op === "stop") {
    try { process.kill(-child.pid, "SIGKILL"); } catch {}
    return { kind: "stopped", pid: child.pid };
  }
  ${fault}
  return { kind: "line", line: message.line, trailing: false };
}
let queue = Promise.resolve();
port.on("message", (message) => {
  queue = queue.then(async () => {
    const reply = await answer(message);
    port.postMessage({ ...reply, tag: message.tag });
    Atomics.store(shared, 0, message.tag);
    Atomics.notify(shared, 0);
  });
});
`,
  );
  return pathToFileURL(path);
}
