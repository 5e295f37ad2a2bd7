// The worker thread behind SyncLineChannel (line-channel.ts). It owns the child process and
// its pipes, so the main thread can block on Atomics.wait while this thread's event loop
// keeps reading: one request at a time, each answered on the port, then the shared flag is
// raised. Plain JavaScript because a worker is not loaded through tsx or vitest's transform.

import { spawn } from "node:child_process";
import { workerData } from "node:worker_threads";

const { port, signal: sharedSignal, maxLineBytes } = workerData;
const signal = new Int32Array(sharedSignal);
const STDERR_TAIL = 2000;

/** @type {import("node:child_process").ChildProcess | null} */
let child = null;
let partial = "";
/** @type {string[]} */
let lines = [];
let tooLong = false;
/** @type {{ code: number | null, signal: string | null } | null} */
let exited = null;
let stderrTail = "";
/** Wakes the exchange waiting for the child's next event. */
let wake = () => {};

function reset() {
  child = null;
  partial = "";
  lines = [];
  tooLong = false;
  exited = null;
  stderrTail = "";
}

function start(command, args, env, cwd) {
  reset();
  return new Promise((resolve) => {
    let proc;
    try {
      // detached: its own process group, so stop() also ends whatever it started.
      proc = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], detached: true, env, cwd });
    } catch (error) {
      resolve({ kind: "spawn-error", message: String(error?.message ?? error) });
      return;
    }
    child = proc;
    proc.stdout.setEncoding("utf8");
    proc.stdout.on("data", (chunk) => {
      const pieces = (partial + chunk).split("\n");
      partial = pieces.pop() ?? "";
      for (const line of pieces) lines.push(line.endsWith("\r") ? line.slice(0, -1) : line);
      if (partial.length > maxLineBytes) tooLong = true;
      wake();
    });
    proc.stderr.setEncoding("utf8");
    proc.stderr.on("data", (chunk) => {
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL);
    });
    // A child that stops reading makes writes fail with EPIPE; its exit tells the story.
    proc.stdin.on("error", () => {});
    proc.on("exit", (code, sig) => {
      // Give the pipes a moment to deliver what it wrote before it exited.
      setTimeout(() => {
        if (child === proc) {
          exited = { code, signal: sig };
          wake();
        }
      }, 50);
    });
    proc.once("spawn", () => resolve({ kind: "started", pid: proc.pid }));
    proc.once("error", (error) => {
      if (child === proc) child = null;
      resolve({ kind: "spawn-error", message: error.message });
    });
  });
}

function nextEvent(deadline) {
  return new Promise((resolve) => {
    const check = () => {
      if (lines.length > 0) {
        const line = lines.shift();
        finish({ kind: "line", line, trailing: lines.length > 0 || partial.length > 0 });
      } else if (tooLong) finish({ kind: "too-long", bytes: partial.length });
      else if (exited) finish({ kind: "exit", ...exited, stderr: stderrTail });
      else return false;
      return true;
    };
    const timer = setTimeout(
      () => finish({ kind: "timeout", stderr: stderrTail }),
      Math.max(0, deadline - Date.now()),
    );
    function finish(event) {
      clearTimeout(timer);
      wake = () => {};
      resolve(event);
    }
    if (!check()) wake = check;
  });
}

async function exchange(line, timeoutMs) {
  if (!child) return { kind: "exit", code: null, signal: null, stderr: "not running" };
  // Lines nobody asked for: a reply written twice, or chatter on stdout.
  if (lines.length > 0 || partial.length > 0) {
    return { kind: "unsolicited", line: lines[0] ?? partial };
  }
  if (exited) return { kind: "exit", ...exited, stderr: stderrTail };
  const deadline = Date.now() + timeoutMs;
  const proc = child;
  const flushed = proc.stdin.write(`${line}\n`);
  if (!flushed) {
    // Back-pressure: a child that does not read its stdin within the time limit is hung.
    const drained = await Promise.race([
      new Promise((resolve) => proc.stdin.once("drain", () => resolve(true))),
      new Promise((resolve) => setTimeout(() => resolve(false), timeoutMs)),
      new Promise((resolve) => proc.once("exit", () => resolve(true))),
    ]);
    if (!drained) return { kind: "timeout", stderr: stderrTail };
  }
  return nextEvent(deadline);
}

function stop(graceMs) {
  const proc = child;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) {
    // The leader is gone; what it started may still run in its group.
    if (proc) killGroup(proc.pid);
    reset();
    return Promise.resolve({ kind: "stopped", pid: proc?.pid ?? null });
  }
  return new Promise((resolve) => {
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      killGroup(proc.pid);
      reset();
      resolve({ kind: "stopped", pid: proc.pid });
    };
    const timer = setTimeout(() => {
      killGroup(proc.pid);
      // SIGKILL cannot be refused; wait for its exit event anyway so the pid is reaped.
      setTimeout(done, 2000);
    }, graceMs);
    proc.once("exit", done);
    // End of input is the polite way to ask a protocol program to leave.
    proc.stdin.end();
  });
}

function killGroup(pid) {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

port.on("message", async (message) => {
  let reply;
  try {
    if (message.op === "start")
      reply = await start(message.command, message.args, message.env, message.cwd);
    else if (message.op === "exchange") reply = await exchange(message.line, message.timeoutMs);
    else if (message.op === "stop") reply = await stop(message.graceMs);
    else reply = { kind: "worker-error", message: `unknown op ${message.op}` };
  } catch (error) {
    reply = { kind: "worker-error", message: String(error?.stack ?? error) };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
