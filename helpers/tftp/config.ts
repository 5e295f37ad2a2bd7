// The TFTP helper's options, as a flow names them.

import { configEntries, portsOption } from "../core/config-options.ts";
import { FlowError } from "../core/model.ts";

export interface TftpConfig {
  /** Module parameter `ports`: only names the helper; accepted and ignored. */
  ports?: number[];
}

export function parseTftpConfig(raw: Record<string, unknown> | undefined): TftpConfig {
  const config: TftpConfig = {};
  for (const [key, value] of configEntries("tftp", raw)) {
    if (key !== "ports") throw new FlowError(`unknown tftp option "${key}"`);
    config.ports = portsOption("tftp", value);
  }
  return config;
}
