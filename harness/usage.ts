// Bad input to the tool: the CLI prints the message (no stack trace) and exits 2.

export class UsageError extends Error {
  override name = "UsageError";
}

/** A run that could not reach a verdict (a child process it needed died): the CLI prints
 * the message without a stack trace and exits 1, as CI must not pass it. */
export class RunFailure extends Error {
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
