// The IRC subject the tests and measurements run against: the fast helper through the core
// driver, the spec model as reference.

import { runFlow, traceFlow } from "../../helpers/core/driver.ts";
import { ircHelper } from "../../helpers/irc/index.ts";
import { ircSpec, ircSpecTrace } from "../../helpers/irc/spec/index.ts";
import type { Subject, SyncTarget } from "../core/property.ts";

export const ircBuiltin: SyncTarget = {
  name: "builtin",
  run: (flow) => runFlow(ircHelper, flow),
  trace: (flow) => traceFlow(ircHelper, flow),
};

export const ircReference: SyncTarget = { name: "spec", run: ircSpec, trace: ircSpecTrace };

export function ircSubject(target: SyncTarget = ircBuiltin): Subject {
  return { target, reference: ircReference, helper: ircHelper };
}
