// The in-process targets: the built-in fast helpers (run by the core driver) and the
// reference spec models. Both come from helpers/registry.ts.

import { runFlow, traceFlow } from "../../helpers/core/driver.ts";
import { type Flow, FlowError } from "../../helpers/core/model.ts";
import { helperRegistry, type RegisteredHelper } from "../../helpers/registry.ts";
import type { SyncTarget } from "./property.ts";

function registered(flow: Flow): RegisteredHelper {
  const entry = helperRegistry[flow.helper];
  if (!entry)
    throw new FlowError(
      `unknown helper "${flow.helper}" (known: ${Object.keys(helperRegistry).join(", ")})`,
    );
  return entry;
}

/** The fast helpers of helpers/. */
export const builtinTarget: SyncTarget = {
  name: "builtin",
  run: (flow) => runFlow(registered(flow).helper, flow),
  trace: (flow) => traceFlow(registered(flow).helper, flow),
};

/** The reference spec models. */
export const specTarget: SyncTarget = {
  name: "spec",
  run: (flow) => registered(flow).spec(flow),
  trace: (flow) => {
    const { specTrace } = registered(flow);
    if (!specTrace) throw new FlowError(`the ${flow.helper} spec model has no trace`);
    return specTrace(flow);
  },
};
