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

/** The harness's own trouble (a channel to a target that broke down, a worker or child
 * process the harness needed that died, a disk that is full): never a finding against the
 * target. The CLI prints the message without a stack trace and exits 3. */
export class HarnessError extends Error {
  override name = "HarnessError";
}

/** A run that could not reach a verdict (a child process it needed died). */
export class RunFailure extends HarnessError {
  override name = "RunFailure";
}

export function parsePositiveInt(text: string, flag: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`${flag} needs a positive whole number, got "${text}"`);
  }
  return Number(text);
}

export function parseSeed(text: string): number {
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--seed needs a whole number, got "${text}"`);
  }
  return Number(text) | 0;
}

export function parseSeconds(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} needs a positive number of seconds, got "${text}"`);
  }
  return value;
}
