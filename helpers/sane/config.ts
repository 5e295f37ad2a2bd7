// The SANE helper's options, as a flow names them.

import { configEntries, portsOption } from "../core/config-options.ts";
import { FlowError } from "../core/model.ts";

export interface SaneConfig {
  /** Module parameter `ports`: only names the helper ("sane-PORT"); accepted and ignored. */
  ports?: number[];
}

export function parseSaneConfig(raw: Record<string, unknown> | undefined): SaneConfig {
  const config: SaneConfig = {};
  for (const [key, value] of configEntries("sane", raw)) {
    if (key !== "ports") throw new FlowError(`unknown sane option "${key}"`);
    config.ports = portsOption("sane", value);
  }
  return config;
}
