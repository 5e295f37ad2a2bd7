// The campaign worker's entry for tinypool: plain JavaScript, because a worker is not loaded
// through tsx. It loads the worker module that campaign-pool picked beside itself (.ts in
// this repository, .js in a compiled package), registering tsx first when that is TypeScript.

import Tinypool from "tinypool";

const { module } = Tinypool.workerData;
if (module.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
const worker = await import(module);

export default worker.default;
