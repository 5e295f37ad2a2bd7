// Every child process the harness starts, by pid, wherever it was started (the main thread,
// a line-channel worker, a campaign worker). Whoever owns the signals (the CLI's main
// thread) ends them all on SIGINT/SIGTERM/SIGHUP and on exit; a thread that cannot see the
// signals forwards its starts and ends through onChildChange.

export interface ChildChange {
  kind: "started" | "ended";
  pid: number;
  /** The child leads its own process group: ending it ends the group. */
  group: boolean;
}

const children = new Map<number, boolean>();
const listeners = new Set<(change: ChildChange) => void>();

export function trackChild(pid: number, group: boolean): void {
  children.set(pid, group);
  for (const listener of listeners) listener({ kind: "started", pid, group });
}

export function untrackChild(pid: number): void {
  const group = children.get(pid);
  if (group === undefined) return;
  children.delete(pid);
  for (const listener of listeners) listener({ kind: "ended", pid, group });
}

export function trackedChildren(): { pid: number; group: boolean }[] {
  return [...children].map(([pid, group]) => ({ pid, group }));
}

/** Subscribes to starts and ends; returns the unsubscribe. */
export function onChildChange(listener: (change: ChildChange) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** SIGKILLs every tracked child (its whole group when it leads one: the group's id is its
 * pid, and signalling the group alone never reaches a stranger that reused the pid of a
 * leader already reaped). Only pids this harness started are ever signalled. */
export function killTrackedChildren(): void {
  for (const [pid, group] of children) {
    try {
      process.kill(group ? -pid : pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  children.clear();
}
