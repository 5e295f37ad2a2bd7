// The TFTP helper's options (kernel-helpers.md §4.1). Only tool input can be wrong here:
// FlowError.

import { FlowError } from "../../core/model.ts";

export interface TftpConfig {
  /** §4.1 ports=: only names the helper; attachment is the flow's premise (§1.1). */
  ports: number[];
}

/** §4.1 TFTP_PORT */
const TFTP_PORT = 69;
/** §1.1 MAX_PORTS */
const MAX_PORTS = 8;

function isPortNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 65535;
}

export function parseTftpConfig(raw: Record<string, unknown> | undefined): TftpConfig {
  const config: TftpConfig = { ports: [TFTP_PORT] };
  if (raw === undefined) return config;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new FlowError("tftp: config must be an object");
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key !== "ports") throw new FlowError(`tftp: unknown config option ${JSON.stringify(key)}`);
    if (!Array.isArray(value) || value.length > MAX_PORTS || !value.every(isPortNumber)) {
      throw new FlowError(`tftp: config.ports must be up to ${MAX_PORTS} port numbers`);
    }
    if (value.length > 0) config.ports = [...value];
  }
  return config;
}
