// The TFTP helper's options, as a flow names them.

import { FlowError } from "../core/model.ts";

export interface TftpConfig {
  /** Module parameter `ports`: only names the helper; accepted and ignored. */
  ports?: number[];
}

function isPortList(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.every((p) => typeof p === "number" && Number.isInteger(p) && p >= 0 && p <= 65535)
  );
}

export function parseTftpConfig(raw: Record<string, unknown> | undefined): TftpConfig {
  const config: TftpConfig = {};
  if (raw === undefined) return config;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new FlowError("tftp config must be an object");
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key !== "ports") throw new FlowError(`unknown tftp option "${key}"`);
    if (!isPortList(value)) throw new FlowError(`tftp option "ports" must be a list of ports`);
    config.ports = value;
  }
  return config;
}
