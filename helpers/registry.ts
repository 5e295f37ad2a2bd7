// One line per helper: its fast helper and its reference spec model.

import type { HelperDefinition } from "./core/helper.ts";
import type { Flow, Outcome } from "./core/model.ts";

export interface RegisteredHelper {
  helper: HelperDefinition;
  /** The reference spec model: an independent flow → outcome function. */
  spec: (flow: Flow) => Outcome;
}

export const helperRegistry: Record<string, RegisteredHelper> = {
  // ftp: { helper: ftpHelper, spec: ftpSpec },
};
