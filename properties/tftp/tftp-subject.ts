// The TFTP subject the tests and measurements run against: the fast helper through the core
// driver; the reference is the spec model registered in helpers/registry.ts (looked up when
// used, so this works before and after the registry line lands).

import { runFlow, traceFlow } from "../../helpers/core/driver.ts";
import { helperRegistry } from "../../helpers/registry.ts";
import { tftpHelper } from "../../helpers/tftp/index.ts";
import type { Subject, SyncTarget } from "../core/property.ts";

export const tftpBuiltin: SyncTarget = {
  name: "builtin",
  run: (flow) => runFlow(tftpHelper, flow),
  trace: (flow) => traceFlow(tftpHelper, flow),
};

export const tftpReference: SyncTarget = {
  name: "spec",
  run(flow) {
    const registered = helperRegistry.tftp;
    if (!registered) throw new Error("the tftp spec model is not in helpers/registry.ts yet");
    return registered.spec(flow);
  },
};

export function tftpSubject(target: SyncTarget = tftpBuiltin): Subject {
  return { target, reference: tftpReference, helper: tftpHelper };
}
