// The harness's own trouble, as the runner (runner.ts) must tell it from a finding: a class
// of the lowest layer that knows about running properties, so the runner need not import the
// harness. harness/usage.ts re-exports it; the CLI prints it without a stack trace, exit 3.

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
