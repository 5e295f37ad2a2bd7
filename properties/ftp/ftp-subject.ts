// The FTP subject the tests and measurements run against: the fast helper through the core
// driver, the spec model as reference. Built here, not from harness/targets.ts, so the
// property tests do not depend on the registry wiring.

import { runFlow, traceFlow } from "../../helpers/core/driver.ts";
import { ftpHelper } from "../../helpers/ftp/index.ts";
import { ftpSpec } from "../../helpers/ftp/spec/index.ts";
import type { Subject, SyncTarget } from "../core/property.ts";

export const ftpBuiltin: SyncTarget = {
  name: "builtin",
  run: (flow) => runFlow(ftpHelper, flow),
  trace: (flow) => traceFlow(ftpHelper, flow),
};

export const ftpReference: SyncTarget = { name: "spec", run: ftpSpec };

export function ftpSubject(target: SyncTarget = ftpBuiltin): Subject {
  return { target, reference: ftpReference, helper: ftpHelper };
}
