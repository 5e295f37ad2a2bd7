// The Amanda helper's options (kernel-helpers.md §5.1). Only tool input can be wrong here:
// FlowError.

import { FlowError } from "../../core/model.ts";

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
/** §1.1 MAX_PORTS */
const MAX_PORTS = 8;
const UINT_MAX = 2 ** 32 - 1;

function isPortNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 65535;
}

export function parseAmandaConfig(raw: Record<string, unknown> | undefined): AmandaConfig {
  const config: AmandaConfig = { masterTimeout: MASTER_TIMEOUT, ports: [AMANDA_PORT] };
  if (raw === undefined) return config;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new FlowError("amanda: config must be an object");
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key === "masterTimeout") {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > UINT_MAX) {
        throw new FlowError("amanda: config.masterTimeout must be a whole number of seconds");
      }
      config.masterTimeout = value;
    } else if (key === "ports") {
      if (!Array.isArray(value) || value.length > MAX_PORTS || !value.every(isPortNumber)) {
        throw new FlowError(`amanda: config.ports must be up to ${MAX_PORTS} port numbers`);
      }
      if (value.length > 0) config.ports = [...value];
    } else {
      throw new FlowError(`amanda: unknown config option ${JSON.stringify(key)}`);
    }
  }
  return config;
}
