// The Amanda helper's options, as a flow names them.

import { configEntries, isIntegerIn, portsOption, UINT_MAX } from "../core/config-options.ts";
import { FlowError } from "../core/model.ts";

export interface AmandaConfig {
  /** Module parameter `master_timeout` (seconds, default 300): how long the UDP master
   * lives after each reply. Not observable in an outcome; accepted and kept. */
  masterTimeout: number;
  /** Ports the helper is attached on: only names it; accepted and ignored. */
  ports?: number[];
}

const DEFAULT_MASTER_TIMEOUT = 300;

export function parseAmandaConfig(raw: Record<string, unknown> | undefined): AmandaConfig {
  const config: AmandaConfig = { masterTimeout: DEFAULT_MASTER_TIMEOUT };
  for (const [key, value] of configEntries("amanda", raw)) {
    if (key === "masterTimeout") {
      if (!isIntegerIn(value, 0, UINT_MAX)) {
        throw new FlowError(
          `amanda option "masterTimeout" must be an integer 0..${UINT_MAX} (seconds), got ${JSON.stringify(value)}`,
        );
      }
      config.masterTimeout = value;
    } else if (key === "ports") {
      config.ports = portsOption("amanda", value);
    } else {
      throw new FlowError(`unknown amanda option "${key}"`);
    }
  }
  return config;
}
