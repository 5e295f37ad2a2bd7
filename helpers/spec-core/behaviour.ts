// Shared by spec models only; never imported by fast helpers (docs/ARCHITECTURE.md, layout).
//
// The behaviour classes of a spec model (issue 13 item 6): where a kernel rule decides what
// a flow does, the spec model names the way it went. A campaign counts how many flows took
// each way, so a class the generators never reach is seen (and fails the run) instead of
// being silently untested. Outside a count, reaching is a no-op.

let reachedNow: Set<string> | undefined;

/** The running spec model took this way on the flow in hand. */
export function reach(behaviour: string): void {
  reachedNow?.add(behaviour);
}

/** Runs a spec model and answers the behaviour classes it reached on the way. */
export function withReached<T>(run: () => T): { value: T; reached: Set<string> } {
  const outer = reachedNow;
  const reached = new Set<string>();
  reachedNow = reached;
  try {
    return { value: run(), reached };
  } finally {
    reachedNow = outer;
  }
}
