// The Amanda subject the tests and measurements run against: the fast helper through the
// core driver; the reference is the spec model registered in helpers/registry.ts (looked up
// when used, so this works before and after the registry line lands).

import { amandaHelper } from "../../helpers/amanda/index.ts";
import { runFlow, traceFlow } from "../../helpers/core/driver.ts";
import { helperRegistry } from "../../helpers/registry.ts";
import type { Subject, SyncTarget } from "../core/property.ts";

export const amandaBuiltin: SyncTarget = {
  name: "builtin",
  run: (flow) => runFlow(amandaHelper, flow),
  trace: (flow) => traceFlow(amandaHelper, flow),
};

export const amandaReference: SyncTarget = {
  name: "spec",
  run(flow) {
    const registered = helperRegistry.amanda;
    if (!registered) throw new Error("the amanda spec model is not in helpers/registry.ts yet");
    return registered.spec(flow);
  },
};

export function amandaSubject(target: SyncTarget = amandaBuiltin): Subject {
  return { target, reference: amandaReference, helper: amandaHelper };
}
