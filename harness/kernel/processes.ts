// Every agent process this harness starts is ended by its PID: on close(), on exit (a crash
// included), and on SIGINT/SIGTERM, after which the signal's default action is restored
// and re-raised so the harness still stops. PDEATHSIG inside the agent covers SIGKILL.

import type { ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function killAll(): void {
  for (const child of live) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  uninstall();
  // Someone else also listens: they decide how the harness ends. Otherwise die as usual.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

const handlers = new Map<NodeJS.Signals, () => void>();

function install(): void {
  if (handlers.size > 0) return;
  process.on("exit", killAll);
  for (const signal of SIGNALS) {
    const handler = () => onSignal(signal);
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
}

function uninstall(): void {
  process.off("exit", killAll);
  for (const [signal, handler] of handlers) process.off(signal, handler);
  handlers.clear();
}

export function trackProcess(child: ChildProcess): void {
  live.add(child);
  install();
  child.once("exit", () => {
    live.delete(child);
    if (live.size === 0) uninstall();
  });
}

export function livePids(): number[] {
  return [...live].map((child) => child.pid).filter((pid): pid is number => pid !== undefined);
}
