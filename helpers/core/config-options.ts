// The checks every fast helper's option parser shares: the config must be an object, and
// module parameters are integers in a range or a list of ports. Messages name the helper.

import { FlowError } from "./model.ts";

export const UINT_MAX = 0xffff_ffff;

export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

export function isPortList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((p) => isIntegerIn(p, 0, 65535));
}

/** The options a flow gives, as [name, value] pairs; none when the flow has no config. */
export function configEntries(
  helper: string,
  raw: Record<string, unknown> | undefined,
): [string, unknown][] {
  if (raw === undefined) return [];
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new FlowError(`${helper} config must be an object`);
  }
  return Object.entries(raw);
}

/** The `ports` module parameter: accepted (it only names the helper), checked. */
export function portsOption(helper: string, value: unknown): number[] {
  if (!isPortList(value)) throw new FlowError(`${helper} option "ports" must be a list of ports`);
  return value;
}
