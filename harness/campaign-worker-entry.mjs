// The campaign worker's entry: plain JavaScript, because a worker is not loaded through tsx.
// It loads the worker module that campaign-thread picked beside itself (.ts in this
// repository, .js in a compiled package), registering tsx first when that is TypeScript.

import { workerData } from "node:worker_threads";

if (workerData.module.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(workerData.module);
