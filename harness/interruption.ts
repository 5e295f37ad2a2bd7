// SIGINT/SIGTERM/SIGHUP on the main thread while a command runs: every child process group
// ends first (so nothing keeps running, or keeps a core busy, after the harness), then the
// command says what it had done, then the harness exits 130/143/129. A second signal while
// that report is being made ends at once.

import { endAllChildren } from "./child-processes.ts";
import { EXIT } from "./usage.ts";

export type StopSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

const SIGNALS: StopSignal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

export function exitCodeOf(signal: StopSignal): number {
  return signal === "SIGINT" ? EXIT.sigint : signal === "SIGTERM" ? EXIT.sigterm : EXIT.sighup;
}

/** How long a report may take before the harness exits anyway. */
const REPORT_LIMIT_MS = 5000;

/** Until the returned function is called, a stop signal runs `report` (after every child is
 * ended) and then exits with the signal's code. `report` may be async (to stop a worker);
 * whatever it started in the meantime is ended again before the exit. */
export function onInterrupt(
  report: (signal: StopSignal) => void | Promise<void>,
  /** Runs first, before any child is ended: whatever could start a new child stops here. */
  stopStarting: () => void = () => {},
): () => void {
  let interrupted = false;
  const handler = (signal: StopSignal) => {
    stopStarting();
    endAllChildren();
    const code = exitCodeOf(signal);
    if (interrupted) process.exit(code);
    interrupted = true;
    const finish = () => {
      endAllChildren();
      process.exit(code);
    };
    let reported: Promise<void> | undefined;
    try {
      const answer = report(signal);
      if (answer instanceof Promise) reported = answer;
    } catch (error) {
      process.stderr.write(`while reporting the interruption: ${String(error)}\n`);
    }
    if (!reported) return finish();
    setTimeout(finish, REPORT_LIMIT_MS).unref();
    reported.then(finish, finish);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}

/** The line a report of an interruption starts with. */
export function interruptedLine(signal: StopSignal): string {
  return `interrupted by ${signal}`;
}

/** Lets the handler of a signal that arrived while this thread was blocked (a cmd: target
 * waited on synchronously) run now: signals are handled by the event loop, which a chain of
 * resolved promises never reaches. */
export function yieldToSignals(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
