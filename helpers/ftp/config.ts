// The FTP helper's options, as a flow names them.

import { configEntries, portsOption } from "../core/config-options.ts";
import { FlowError } from "../core/model.ts";

export interface FtpConfig {
  /** Module parameter `loose`: accept a PORT/227 address that is not the sender's. */
  loose: boolean;
  /** The 2026-05 "avoid u16 overflows" fix: octets > 255 and ports > 65535 fail (drop). */
  avoidU16Overflows: boolean;
  /** Module parameter `ports`: only names the helper; accepted and ignored. */
  ports?: number[];
}

export function parseFtpConfig(raw: Record<string, unknown> | undefined): FtpConfig {
  const config: FtpConfig = { loose: false, avoidU16Overflows: false };
  for (const [key, value] of configEntries("ftp", raw)) {
    if (key === "loose" || key === "avoidU16Overflows") {
      if (typeof value !== "boolean") {
        throw new FlowError(`ftp option "${key}" must be a boolean, got ${JSON.stringify(value)}`);
      }
      config[key] = value;
    } else if (key === "ports") {
      config.ports = portsOption("ftp", value);
    } else {
      throw new FlowError(`unknown ftp option "${key}"`);
    }
  }
  return config;
}
