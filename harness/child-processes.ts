// Every child process the harness starts, by pid, wherever it was started (the main thread,
// a line-channel worker, a campaign worker, the kernel target's agents). Whoever owns the
// signals (the CLI's main thread, harness/interruption.ts) ends them all on
// SIGINT/SIGTERM/SIGHUP; they also end on exit. A thread that cannot see the signals
// forwards its starts and ends through onChildChange.
//
// A program may leave children of its own behind, even ones that left its process group
// (setsid, a daemon's double fork). Every process started from here inherits a session mark
// in its environment (HELPERFUZZ_SESSION, fresh for each harness process), so
// endAllChildren also finds those by the mark, and ends them by pid.

import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

export interface ChildChange {
  kind: "started" | "ended";
  pid: number;
  /** The child leads its own process group: ending it ends the group. */
  group: boolean;
}

export const SESSION_VARIABLE = "HELPERFUZZ_SESSION";

// Set before anything can be started: a worker thread copies this environment when it is
// created, and every spawn passes it on. Overwritten, not inherited: a harness started by a
// harness marks its own children.
if (isMainThread) {
  process.env[SESSION_VARIABLE] = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

const children = new Map<number, boolean>();
const listeners = new Set<(change: ChildChange) => void>();

export function trackChild(pid: number, group: boolean): void {
  children.set(pid, group);
  installCleanup();
  for (const listener of listeners) listener({ kind: "started", pid, group });
}

export function untrackChild(pid: number): void {
  const group = children.get(pid);
  if (group === undefined) return;
  children.delete(pid);
  for (const listener of listeners) listener({ kind: "ended", pid, group });
}

/** Tracks a child until it exits (the kernel target's agents: no group of their own). */
export function trackChildProcess(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  trackChild(pid, false);
  child.once("exit", () => untrackChild(pid));
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

/** Pids of live processes carrying this harness's session mark (Linux; [] elsewhere). */
export function markedProcesses(mark = process.env[SESSION_VARIABLE]): number[] {
  if (!mark || process.platform !== "linux") return [];
  const needle = `\0${SESSION_VARIABLE}=${mark}\0`;
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (`\0${readFileSync(`/proc/${pid}/environ`, "latin1")}`.includes(needle)) found.push(pid);
    } catch {
      // Gone while we looked, or not ours to read.
    }
  }
  return found;
}

/** Every tracked child and its group, then every process left with the session mark. */
export function endAllChildren(): void {
  killTrackedChildren();
  for (const pid of markedProcesses()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let cleanupInstalled = false;
let everStarted = false;

/** On the main thread: children end with the harness, on exit (a crash included) and on a
 * signal; with nobody else listening for the signal, the harness then dies of it as usual. */
function installCleanup(): void {
  everStarted = true;
  if (cleanupInstalled || !isMainThread) return;
  cleanupInstalled = true;
  process.on("exit", () => {
    if (everStarted) endAllChildren();
  });
  for (const signal of SIGNALS) {
    const handler = () => {
      endAllChildren();
      if (process.listenerCount(signal) === 1) {
        process.off(signal, handler);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, handler);
  }
}
