// The TFTP helper's options (kernel-helpers.md §4.1). Only tool input can be wrong here:
// FlowError.

import { portsOption, readConfig } from "../../spec-core/config-values.ts";

export interface TftpConfig {
  /** §4.1 ports=: only names the helper; attachment is the flow's premise (§1.1). */
  ports: number[];
}

/** §4.1 TFTP_PORT */
const TFTP_PORT = 69;

export function parseTftpConfig(raw: Record<string, unknown> | undefined): TftpConfig {
  return readConfig(
    "tftp",
    raw,
    { ports: [TFTP_PORT] },
    {
      ports: (value) => portsOption("tftp", value, [TFTP_PORT]),
    },
  );
}
