// A synchronous line-by-line conversation with a child process. Properties call
// target.run(flow) synchronously, so the child and its pipes live in a worker thread
// (line-channel-worker.mjs) and this thread blocks on Atomics.wait until the worker has
// the answer — the technique of the `synckit` package, in the few lines this needs.
//
// The channel cannot fall out of step: every request carries a tag, the worker posts its
// reply with that tag and only then stores the tag in a shared word; this thread waits until
// the word holds its own tag, and takes only the reply with that tag. A wake-up meant for an
// earlier request (the worker can be descheduled between its store and its notify) just makes
// it look again. When the worker does not answer in time, or a reply with another tag shows
// up, this thread trusts the worker no more: it ends the child itself (by its pid), replaces
// the worker, and answers "worker-error" — the harness's trouble, never the program's.

import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import { killTrackedChildren, trackChild, untrackChild } from "../child-processes.ts";

export type ChannelEvent =
  | { kind: "started"; pid: number }
  /** code: the errno name (ENOENT, EACCES, EAGAIN, ...) when there is one. */
  | { kind: "spawn-error"; message: string; code?: string }
  /** trailing: more output had already arrived after this line (a second reply). */
  | { kind: "line"; line: string; trailing: boolean }
  | { kind: "unsolicited"; line: string }
  | { kind: "too-long"; bytes: number }
  | { kind: "exit"; code: number | null; signal: string | null; stderr: string }
  | { kind: "timeout"; stderr: string }
  | { kind: "stopped"; pid: number | null }
  /** The channel itself failed; the child was ended and the worker replaced. */
  | { kind: "worker-error"; message: string };

export interface ChannelOptions {
  /** A reply line longer than this is a misbehaviour, not an out-of-memory. */
  maxLineBytes?: number;
  /** How long past a request's own time limit this thread waits for the worker (whose
   * timers keep that limit) before it gives up on the worker. */
  workerMarginMs?: number;
  /** The worker script (tests plant channel faults with a stand-in). */
  workerUrl?: URL;
}

/** What went wrong in the channel itself, for reports. */
export interface ChannelStats {
  /** Workers replaced because one did not answer in time or answered out of step. */
  workerRestarts: number;
  /** Replies that carried another request's tag (never taken as an answer). */
  staleReplies: number;
}

const DEFAULT_WORKER_MARGIN_MS = 10_000;
const ANSWERED = 0;
const CHILD_PID = 1;
const MAX_TAG = 0x7fff_ffff;

let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Should a close() be missed, the children still end with this thread.
  process.on("exit", killTrackedChildren);
}

interface WorkerLink {
  worker: Worker;
  port: MessagePort;
  /** [ANSWERED]: tag of the latest reply posted; [CHILD_PID]: the child's pid or 0. */
  shared: Int32Array;
}

export class SyncLineChannel {
  readonly stats: ChannelStats = { workerRestarts: 0, staleReplies: 0 };
  private link: WorkerLink;
  private pid: number | null = null;
  private tag = 0;
  private closed = false;
  private readonly workerMarginMs: number;

  constructor(private readonly options: ChannelOptions = {}) {
    this.workerMarginMs = options.workerMarginMs ?? DEFAULT_WORKER_MARGIN_MS;
    this.link = this.startWorker();
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
    // A worker-error here has already ended the child and replaced the worker.
    this.call({ op: "stop", graceMs }, graceMs + 5000);
    this.forgetChild();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.stop(200);
    this.closed = true;
    this.link.port.close();
    await this.link.worker.terminate();
  }

  private startWorker(): WorkerLink {
    const { port1, port2 } = new MessageChannel();
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const worker = new Worker(
      this.options.workerUrl ?? new URL("./line-channel-worker.mjs", import.meta.url),
      {
        workerData: {
          port: port2,
          shared: shared.buffer,
          maxLineBytes: this.options.maxLineBytes ?? 16 * 1024 * 1024,
        },
        transferList: [port2],
        // The worker is plain JavaScript: it needs none of the parent's loaders or -e code.
        execArgv: [],
      },
    );
    // The worker must never keep the harness alive on its own.
    worker.unref();
    return { worker, port: port1, shared };
  }

  private call(message: Record<string, unknown>, expectedMs: number): ChannelEvent {
    if (this.closed) throw new Error("line channel used after close()");
    const { port, shared } = this.link;
    const tag = this.tag >= MAX_TAG ? 1 : this.tag + 1;
    this.tag = tag;
    port.postMessage({ ...message, tag });
    // The worker answers within expectedMs by its own timers; the margin only guards
    // against the worker itself being stuck.
    const patienceMs = expectedMs + this.workerMarginMs;
    const deadline = performance.now() + patienceMs;
    for (;;) {
      const received = receiveMessageOnPort(port);
      if (received !== undefined) {
        const { tag: replyTag, ...event } = received.message as ChannelEvent & { tag: unknown };
        if (replyTag === tag) return event as ChannelEvent;
        this.stats.staleReplies++;
        return this.distrustWorker(
          `the worker answered out of step (a reply tagged ${String(replyTag)} while waiting for ${tag})`,
        );
      }
      const seen = Atomics.load(shared, ANSWERED);
      const left = deadline - performance.now();
      if (left <= 0) {
        return this.distrustWorker(
          `the worker thread did not answer its "${String(message.op)}" request within ${Math.round(patienceMs)} ms`,
        );
      }
      // Sleeps until the worker publishes another tag; a tag already seen whose reply is not
      // on the port yet cannot happen (it posts first), so that case only polls.
      Atomics.wait(shared, ANSWERED, seen, seen === tag ? 1 : left);
    }
  }

  /** Ends the child by its pid (the worker may be stuck), replaces the worker, and says so. */
  private distrustWorker(why: string): ChannelEvent {
    const pid = this.pid ?? (Atomics.load(this.link.shared, CHILD_PID) || null);
    if (pid !== null) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    this.forgetChild();
    const old = this.link;
    old.port.close();
    void old.worker.terminate();
    this.link = this.startWorker();
    this.stats.workerRestarts++;
    return {
      kind: "worker-error",
      message: `${why}; the program was ended and the channel's worker replaced`,
    };
  }

  private forgetChild(): void {
    if (this.pid !== null) untrackChild(this.pid);
    this.pid = null;
  }
}
