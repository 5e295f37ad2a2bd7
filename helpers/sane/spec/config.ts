// The SANE helper's options (kernel-helpers.md §7). Only tool input can be wrong here:
// FlowError.

import { portsOption, readConfig } from "../../spec-core/config-values.ts";

export interface SaneConfig {
  /** §7 ports=: only names the helper; attachment is the flow's premise (§1.1). */
  ports: number[];
}

/** §7 SANE_PORT */
const SANE_PORT = 6566;

export function parseSaneConfig(raw: Record<string, unknown> | undefined): SaneConfig {
  return readConfig(
    "sane",
    raw,
    { ports: [SANE_PORT] },
    {
      ports: (value) => portsOption("sane", value, [SANE_PORT]),
    },
  );
}
