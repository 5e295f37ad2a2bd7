// Bad input to the tool: the CLI prints the message (no stack trace) and exits 2.

export class UsageError extends Error {
  override name = "UsageError";
}

/** Exit codes CI can use (README "Exit codes"). */
export const EXIT = {
  /** Every property held, every case matched. */
  ok: 0,
  /** A finding: a property failed, an outcome differed, the benchmark gate fired. */
  failed: 1,
  /** Bad input to the tool. */
  usage: 2,
  /** The harness's own trouble: no verdict on the target either way. */
  harness: 3,
  sighup: 129,
  sigint: 130,
  sigterm: 143,
} as const;

// The harness's own trouble and a run without a verdict: defined below the properties (the
// runner that checks them tells the harness's trouble from a finding), the same classes here.
export { HarnessError, RunFailure } from "../properties/core/harness-error.ts";

/** fast-check and the conformance chunks take 32-bit signed seeds. */
export const SEED_MIN = -0x8000_0000;
export const SEED_MAX = 0x7fff_ffff;

/** A whole number in [min, max]; the message says the range, whether the text is not a number
 * at all or a number out of range. */
export function parseWholeNumber(text: string, flag: string, min: number, max: number): number {
  const range = `a whole number from ${min} to ${max}`;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`${flag} needs ${range}, got "${text}"`);
  const value = Number(text);
  if (value < min || value > max) {
    throw new UsageError(`${flag} takes ${range}, got ${text.trim()} (out of range)`);
  }
  return value;
}

export function parsePositiveInt(text: string, flag: string): number {
  return parseWholeNumber(text, flag, 1, Number.MAX_SAFE_INTEGER);
}

export function parseSeed(text: string): number {
  return parseWholeNumber(text, "--seed", SEED_MIN, SEED_MAX);
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };

/** Seconds from a bare positive number ("90", "1.5") or a duration with units ("90s", "10m",
 * "1h30m", "500ms"). */
export function parseSeconds(text: string, flag: string): number {
  const spelled = text.trim();
  const bad = () =>
    new UsageError(
      `${flag} needs a positive number of seconds or a duration with units (90s, 10m, 1h30m), got "${text}"`,
    );
  let value: number;
  if (/^\d+(\.\d+)?$|^\.\d+$/.test(spelled)) {
    value = Number(spelled);
  } else if (/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(spelled)) {
    value = 0;
    for (const [, amount, , unit] of spelled.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d)/g)) {
      value += Number(amount) * UNIT_SECONDS[unit];
    }
  } else {
    throw bad();
  }
  if (!Number.isFinite(value) || value <= 0) throw bad();
  return value;
}
