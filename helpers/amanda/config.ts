// The Amanda helper's options, as a flow names them.

import { FlowError } from "../core/model.ts";

export interface AmandaConfig {
  /** Module parameter `master_timeout` (seconds, default 300): how long the UDP master
   * lives after each reply. Not observable in an outcome; accepted and kept. */
  masterTimeout: number;
  /** Ports the helper is attached on: only names it; accepted and ignored. */
  ports?: number[];
}

const DEFAULT_MASTER_TIMEOUT = 300;
const UINT_MAX = 0xffff_ffff;

function isPortList(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.every((p) => typeof p === "number" && Number.isInteger(p) && p >= 0 && p <= 65535)
  );
}

export function parseAmandaConfig(raw: Record<string, unknown> | undefined): AmandaConfig {
  const config: AmandaConfig = { masterTimeout: DEFAULT_MASTER_TIMEOUT };
  if (raw === undefined) return config;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new FlowError("amanda config must be an object");
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key === "masterTimeout") {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > UINT_MAX) {
        throw new FlowError(
          `amanda option "masterTimeout" must be an integer 0..${UINT_MAX} (seconds), got ${JSON.stringify(value)}`,
        );
      }
      config.masterTimeout = value;
    } else if (key === "ports") {
      if (!isPortList(value)) throw new FlowError(`amanda option "ports" must be a list of ports`);
      config.ports = value;
    } else {
      throw new FlowError(`unknown amanda option "${key}"`);
    }
  }
  return config;
}
