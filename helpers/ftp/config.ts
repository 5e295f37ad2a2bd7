// The FTP helper's options, as a flow names them.

import { FlowError } from "../core/model.ts";

export interface FtpConfig {
  /** Module parameter `loose`: accept a PORT/227 address that is not the sender's. */
  loose: boolean;
  /** The 2026-05 "avoid u16 overflows" fix: octets > 255 and ports > 65535 fail (drop). */
  avoidU16Overflows: boolean;
  /** Module parameter `ports`: only names the helper; accepted and ignored. */
  ports?: number[];
}

function isPortList(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.every((p) => typeof p === "number" && Number.isInteger(p) && p >= 0 && p <= 65535)
  );
}

export function parseFtpConfig(raw: Record<string, unknown> | undefined): FtpConfig {
  const config: FtpConfig = { loose: false, avoidU16Overflows: false };
  if (raw === undefined) return config;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new FlowError("ftp config must be an object");
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key === "loose" || key === "avoidU16Overflows") {
      if (typeof value !== "boolean") {
        throw new FlowError(`ftp option "${key}" must be a boolean, got ${JSON.stringify(value)}`);
      }
      config[key] = value;
    } else if (key === "ports") {
      if (!isPortList(value)) throw new FlowError(`ftp option "ports" must be a list of ports`);
      config.ports = value;
    } else {
      throw new FlowError(`unknown ftp option "${key}"`);
    }
  }
  return config;
}
