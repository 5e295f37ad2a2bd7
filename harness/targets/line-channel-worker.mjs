// The worker thread behind SyncLineChannel (line-channel.ts). It owns the child process and
// its pipes, so the main thread can block on Atomics.wait while this thread's event loop
// keeps reading. Requests are handled strictly one at a time, in order; each reply carries
// its request's tag, is posted on the port, and only then is the tag stored in the shared
// word and the main thread woken. Plain JavaScript because a worker is not loaded through
// tsx or vitest's transform.

import { spawn } from "node:child_process";
import { workerData } from "node:worker_threads";

const { port, shared: sharedBuffer, maxLineBytes } = workerData;
/** [0]: the tag of the latest reply posted; [1]: the running child's pid (0: none), so the
 * main thread can end the child itself when this thread stops answering. */
const shared = new Int32Array(sharedBuffer);
const ANSWERED = 0;
const CHILD_PID = 1;
const STDERR_TAIL = 2000;
/** After the program exits, how long its output may still arrive (a grandchild can hold the
 * pipe open); normally the pipe closes first and the exit is reported at once. */
const OUTPUT_AFTER_EXIT_MS = 1000;

/** Everything about one started child. Its pipes feed only its own session, so output that
 * arrives after it was stopped can never be read as the next program's answer. */
function newSession(proc) {
  return {
    proc,
    /** Pieces of the line being received (joined once, when its newline arrives). */
    pieces: [],
    partialBytes: 0,
    /** @type {string[]} */
    lines: [],
    tooLong: false,
    /** @type {{ code: number | null, signal: string | null } | null} */
    exitStatus: null,
    outputClosed: false,
    outputWaitOver: false,
    stderrTail: "",
    /** Wakes the exchange waiting for this child's next event. */
    wake: () => {},
  };
}

/** @type {ReturnType<typeof newSession> | null} */
let session = null;

function exited(s) {
  return s.exitStatus !== null && (s.outputClosed || s.outputWaitOver);
}

function receive(s, chunk) {
  let start = 0;
  for (let newline = chunk.indexOf("\n"); newline !== -1; newline = chunk.indexOf("\n", start)) {
    s.pieces.push(chunk.slice(start, newline));
    const line = s.pieces.join("");
    s.pieces = [];
    s.partialBytes = 0;
    s.lines.push(line.endsWith("\r") ? line.slice(0, -1) : line);
    start = newline + 1;
  }
  if (start < chunk.length) {
    s.pieces.push(chunk.slice(start));
    s.partialBytes += chunk.length - start;
    if (s.partialBytes > maxLineBytes) s.tooLong = true;
  }
  s.wake();
}

function start(command, args, env, cwd) {
  if (session) endSession(session);
  return new Promise((resolve) => {
    let proc;
    try {
      // detached: its own process group, so stop() also ends whatever it started.
      proc = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], detached: true, env, cwd });
    } catch (error) {
      resolve(spawnError(error));
      return;
    }
    proc.once("error", (error) => {
      if (session?.proc === proc) endSession(session);
      resolve(spawnError(error));
    });
    // Refused for want of file descriptors (EMFILE, ENFILE): no pipes, only the error event.
    if (!proc.stdout || !proc.stderr || !proc.stdin) return;
    const s = newSession(proc);
    session = s;
    proc.stdout.setEncoding("utf8");
    proc.stdout.on("data", (chunk) => receive(s, chunk));
    proc.stdout.on("close", () => {
      s.outputClosed = true;
      s.wake();
    });
    proc.stderr.setEncoding("utf8");
    proc.stderr.on("data", (chunk) => {
      s.stderrTail = (s.stderrTail + chunk).slice(-STDERR_TAIL);
    });
    // A child that stops reading makes writes fail with EPIPE; its exit tells the story.
    proc.stdin.on("error", () => {});
    proc.on("exit", (code, sig) => {
      s.exitStatus = { code, signal: sig };
      setTimeout(() => {
        s.outputWaitOver = true;
        s.wake();
      }, OUTPUT_AFTER_EXIT_MS).unref();
      s.wake();
    });
    proc.once("spawn", () => {
      Atomics.store(shared, CHILD_PID, proc.pid);
      resolve({ kind: "started", pid: proc.pid });
    });
  });
}

function spawnError(error) {
  return {
    kind: "spawn-error",
    message: String(error?.message ?? error),
    code: typeof error?.code === "string" ? error.code : undefined,
  };
}

function nextEvent(s, deadline) {
  return new Promise((resolve) => {
    const check = () => {
      if (s.lines.length > 0) {
        const line = s.lines.shift();
        finish({ kind: "line", line, trailing: s.lines.length > 0 || s.partialBytes > 0 });
      } else if (s.tooLong) finish({ kind: "too-long", bytes: s.partialBytes });
      else if (exited(s)) finish({ kind: "exit", ...s.exitStatus, stderr: s.stderrTail });
      else return false;
      return true;
    };
    const timer = setTimeout(
      () => finish({ kind: "timeout", stderr: s.stderrTail }),
      Math.max(0, deadline - Date.now()),
    );
    function finish(event) {
      clearTimeout(timer);
      s.wake = () => {};
      resolve(event);
    }
    if (!check()) s.wake = check;
  });
}

async function exchange(line, timeoutMs) {
  const s = session;
  if (!s) return { kind: "exit", code: null, signal: null, stderr: "not running" };
  // Lines nobody asked for: a reply written twice, or chatter on stdout.
  if (s.lines.length > 0 || s.partialBytes > 0) {
    return { kind: "unsolicited", line: s.lines[0] ?? s.pieces.join("") };
  }
  if (exited(s)) return { kind: "exit", ...s.exitStatus, stderr: s.stderrTail };
  const deadline = Date.now() + timeoutMs;
  const proc = s.proc;
  const flushed = proc.stdin.write(`${line}\n`);
  // A child that already exited (its output still open, held by a grandchild) will never
  // drain nor exit again: waiting for either would turn its exit into a timeout.
  if (!flushed && s.exitStatus === null) {
    // Back-pressure: a child that does not read its stdin within the time limit is hung.
    const drained = await Promise.race([
      new Promise((resolve) => proc.stdin.once("drain", () => resolve(true))),
      new Promise((resolve) => setTimeout(() => resolve(false), timeoutMs)),
      new Promise((resolve) => proc.once("exit", () => resolve(true))),
    ]);
    if (!drained) return { kind: "timeout", stderr: s.stderrTail };
  }
  return nextEvent(s, deadline);
}

function stop(graceMs) {
  const s = session;
  if (!s) return Promise.resolve({ kind: "stopped", pid: null });
  const proc = s.proc;
  if (s.exitStatus !== null) {
    // The leader is gone; what it started may still run in its group.
    killGroup(proc.pid);
    endSession(s);
    return Promise.resolve({ kind: "stopped", pid: proc.pid });
  }
  return new Promise((resolve) => {
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      killGroup(proc.pid);
      endSession(s);
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

/** Forgets a child: its pipes are closed, so nothing it (or anything holding its stdout)
 * writes later is read at all. */
function endSession(s) {
  s.wake = () => {};
  for (const stream of [s.proc.stdin, s.proc.stdout, s.proc.stderr]) stream?.destroy();
  if (session === s) {
    session = null;
    Atomics.store(shared, CHILD_PID, 0);
  }
}

/** SIGKILL to the child's process group (detached: the group's id is the child's pid). The
 * bare pid is never signalled: once the leader is reaped, its pid may belong to anyone. */
function killGroup(pid) {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

async function handle(message) {
  if (message.op === "start") return start(message.command, message.args, message.env, message.cwd);
  if (message.op === "exchange") return exchange(message.line, message.timeoutMs);
  if (message.op === "stop") return stop(message.graceMs);
  return { kind: "worker-error", message: `unknown op ${message.op}` };
}

let queue = Promise.resolve();
port.on("message", (message) => {
  queue = queue.then(async () => {
    let reply;
    try {
      reply = await handle(message);
    } catch (error) {
      reply = { kind: "worker-error", message: String(error?.stack ?? error) };
    }
    // Post first, then publish the tag: once the main thread sees the tag, the reply is on
    // the port. A wake-up it gets for an older tag only makes it look again.
    port.postMessage({ ...reply, tag: message.tag });
    Atomics.store(shared, ANSWERED, message.tag);
    Atomics.notify(shared, ANSWERED);
  });
});
