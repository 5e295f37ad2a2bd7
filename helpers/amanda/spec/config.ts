// The Amanda helper's options (kernel-helpers.md §5.1). Only tool input can be wrong here:
// FlowError.

import { FlowError } from "../../core/model.ts";
import { isIntegerIn, portsOption, readConfig, UINT_MAX } from "../../spec-core/config-values.ts";

export interface AmandaConfig {
  /** §5.1 master_timeout (s): every REPLY datagram refreshes the master conntrack to it.
   * No outcome shows a timer, so the model only checks it. */
  masterTimeout: number;
  /** The kernel registers Amanda on 10080 only (no ports= parameter); accepted so a flow
   * can name other ports, which only name the helper (§1.1). */
  ports: number[];
}

/** §5.1 defaults */
const MASTER_TIMEOUT = 300;
const AMANDA_PORT = 10080;

export function parseAmandaConfig(raw: Record<string, unknown> | undefined): AmandaConfig {
  const defaults: AmandaConfig = { masterTimeout: MASTER_TIMEOUT, ports: [AMANDA_PORT] };
  return readConfig("amanda", raw, defaults, {
    masterTimeout(value) {
      if (!isIntegerIn(value, 0, UINT_MAX)) {
        throw new FlowError("amanda: config.masterTimeout must be a whole number of seconds");
      }
      return value;
    },
    ports: (value) => portsOption("amanda", value, [AMANDA_PORT]),
  });
}
