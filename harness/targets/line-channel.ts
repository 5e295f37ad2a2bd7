// A synchronous line-by-line conversation with a child process. Properties call
// target.run(flow) synchronously, so the child and its pipes live in a worker thread
// (line-channel-worker.mjs) and this thread blocks on Atomics.wait until the worker has
// the answer — the technique of the `synckit` package, in the few lines this needs.

import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { killTrackedChildren, trackChild, untrackChild } from "../child-processes.ts";

export type ChannelEvent =
  | { kind: "started"; pid: number }
  | { kind: "spawn-error"; message: string }
  /** trailing: more output had already arrived after this line (a second reply). */
  | { kind: "line"; line: string; trailing: boolean }
  | { kind: "unsolicited"; line: string }
  | { kind: "too-long"; bytes: number }
  | { kind: "exit"; code: number | null; signal: string | null; stderr: string }
  | { kind: "timeout"; stderr: string }
  | { kind: "stopped"; pid: number | null }
  | { kind: "worker-error"; message: string };

export interface ChannelOptions {
  /** A reply line longer than this is a misbehaviour, not an out-of-memory. */
  maxLineBytes?: number;
}

let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Should a close() be missed, the children still end with this thread.
  process.on("exit", killTrackedChildren);
}

export class SyncLineChannel {
  private readonly worker: Worker;
  private readonly port;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private pid: number | null = null;
  private closed = false;

  constructor(options: ChannelOptions = {}) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL("./line-channel-worker.mjs", import.meta.url), {
      workerData: {
        port: port2,
        signal: this.signal.buffer,
        maxLineBytes: options.maxLineBytes ?? 16 * 1024 * 1024,
      },
      transferList: [port2],
      // The worker is plain JavaScript: it needs none of the parent's loaders or -e code.
      execArgv: [],
    });
    // The worker must never keep the harness alive on its own.
    this.worker.unref();
    installExitHook();
  }

  /** The running child's pid, or null. */
  get childPid(): number | null {
    return this.pid;
  }

  start(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): ChannelEvent {
    const event = this.call({ op: "start", command, args, env, cwd }, 30_000);
    if (event.kind === "started") {
      this.pid = event.pid;
      trackChild(event.pid, true);
    }
    return event;
  }

  /** Writes one line and waits at most timeoutMs for the child's next line or its end. */
  exchange(line: string, timeoutMs: number): ChannelEvent {
    return this.call({ op: "exchange", line, timeoutMs }, timeoutMs);
  }

  /** Ends the child: end of input, then SIGKILL to its process group after graceMs. */
  stop(graceMs = 0): void {
    if (this.pid === null) return;
    this.call({ op: "stop", graceMs }, graceMs + 5000);
    untrackChild(this.pid);
    this.pid = null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.stop(200);
    this.closed = true;
    this.port.close();
    await this.worker.terminate();
  }

  private call(message: Record<string, unknown>, expectedMs: number): ChannelEvent {
    if (this.closed) throw new Error("line channel used after close()");
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage(message);
    // The worker answers within expectedMs by its own timers; the margin only guards
    // against the worker itself being stuck.
    const waited = Atomics.wait(this.signal, 0, 0, expectedMs + 10_000);
    const received = receiveMessageOnPort(this.port);
    if (waited === "timed-out" || received === undefined) {
      return { kind: "worker-error", message: "the process worker did not answer" };
    }
    return received.message as ChannelEvent;
  }
}
