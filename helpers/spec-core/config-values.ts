// Shared by spec models only; never imported by fast helpers, and never imports fast-helper
// mechanics (docs/ARCHITECTURE.md, layout).
//
// The checks every helper's options share (kernel-helpers.md §1.1, §12): a config is an
// object of known keys, and ports= is a `ushort[MAX_PORTS]` module parameter whose empty
// form means the helper's default port. Only tool input can be wrong here: FlowError.

import { FlowError } from "../core/model.ts";

/** §1.1 MAX_PORTS */
export const MAX_PORTS = 8;
/** The largest value of a `uint` module parameter. */
export const UINT_MAX = 2 ** 32 - 1;

export function isIntegerIn(value: unknown, low: number, high: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= low && value <= high;
}

export function isPortNumber(value: unknown): value is number {
  return isIntegerIn(value, 0, 65535);
}

/** The config's options; none when the flow gives no config. */
export function configEntries(
  helper: string,
  raw: Record<string, unknown> | undefined,
): [string, unknown][] {
  if (raw === undefined) return [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new FlowError(`${helper}: config must be an object`);
  }
  return Object.entries(raw);
}

/** ports=: up to MAX_PORTS port numbers; none given = the default. */
export function portsOption(helper: string, value: unknown, defaults: number[]): number[] {
  if (!Array.isArray(value) || value.length > MAX_PORTS || !value.every(isPortNumber)) {
    throw new FlowError(`${helper}: config.ports must be up to ${MAX_PORTS} port numbers`);
  }
  return value.length > 0 ? [...value] : defaults;
}

export function unknownOption(helper: string, key: string): FlowError {
  return new FlowError(`${helper}: unknown config option ${JSON.stringify(key)}`);
}

/** Reads a flow's config: every key must be one the helper knows, and its reader checks
 * and converts the value (throwing FlowError); absent keys keep their defaults. */
export function readConfig<Config extends object>(
  helper: string,
  raw: Record<string, unknown> | undefined,
  defaults: Config,
  readers: { [Key in keyof Config]: (value: unknown) => Config[Key] },
): Config {
  const config = { ...defaults };
  for (const [key, value] of configEntries(helper, raw)) {
    if (!Object.hasOwn(readers, key)) throw unknownOption(helper, key);
    const known = key as keyof Config;
    config[known] = readers[known](value);
  }
  return config;
}
