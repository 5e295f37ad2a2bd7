// A module: target whose IRC helper never returns: a busy loop in the target's own code,
// which no flow timeout can end (a module runs in the campaign worker's thread). Its FTP
// helper is the built-in one. For test/time-budget.test.ts: the IRC property is cut at its
// share of the time budget, the campaign goes on.

import { runFlow } from "../../helpers/core/driver.ts";
import type { Flow, Outcome } from "../../helpers/core/model.ts";
import { helperRegistry } from "../../helpers/registry.ts";

export const helpers = ["ftp", "irc"];

export function run(flow: Flow): Outcome {
  if (flow.helper === "irc") for (;;) {}
  return runFlow(helperRegistry.ftp.helper, flow);
}
