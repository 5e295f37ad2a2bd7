// The main thread's side of a campaign run in a worker (campaign-worker.ts): starts it with a
// plan, hands each message to the caller, adopts the worker's child processes into this
// thread's registry (so a signal here ends them), and can stop it at any moment, also while
// the worker is blocked on a hung program.

import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import type { CampaignPlan } from "./campaign.ts";
import { type CampaignMessage, SHARED } from "./campaign-messages.ts";
import { trackChild, untrackChild } from "./child-processes.ts";

/** The worker module beside this file, of this file's own kind: .ts when run from the
 * sources, .js in a compiled package. */
const WORKER_MODULE = new URL(
  `./campaign-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
  import.meta.url,
).href;
const WORKER_ENTRY = new URL("./campaign-worker-entry.mjs", import.meta.url);

export class CampaignThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly state = new Int32Array(
    new SharedArrayBuffer(SHARED.length * Int32Array.BYTES_PER_ELEMENT),
  );
  /** Resolves when the worker has said done or error, or has died. */
  readonly finished: Promise<void>;
  private ended = false;
  private resolve: () => void = () => {};

  constructor(
    plan: CampaignPlan,
    private readonly onMessage: (message: CampaignMessage) => void,
  ) {
    Atomics.store(this.state, SHARED.index, -1);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_ENTRY, {
      workerData: { plan, port: port2, shared: this.state.buffer, module: WORKER_MODULE },
      transferList: [port2],
      // The entry registers tsx itself; the parent's loader flags would register it twice.
      execArgv: [],
    });
    this.finished = new Promise((resolve) => {
      this.resolve = resolve;
    });
    this.port.on("message", (message: CampaignMessage) => this.deliver(message));
    this.worker.on("error", (error) =>
      this.deliver({
        kind: "error",
        name: "HarnessError",
        message: `the campaign worker failed: ${error.stack ?? error.message}`,
      }),
    );
    this.worker.on("exit", (code) => {
      // Anything it said before it went is still on the port.
      this.drain();
      this.deliver({
        kind: "error",
        name: "HarnessError",
        message: `the campaign worker ended (exit code ${code}) before the campaign did`,
      });
    });
  }

  /** The property being checked (its plan index, -1 before the first) and its flows so far:
   * read live, also while the worker is blocked. */
  get current(): { index: number; runs: number } {
    return {
      index: Atomics.load(this.state, SHARED.index),
      runs: Atomics.load(this.state, SHARED.runs),
    };
  }

  /** Messages already sent but not yet delivered, delivered now (before a report that must
   * not miss a result). */
  drain(): void {
    if (this.ended) return;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      this.deliver(m.message as CampaignMessage);
    }
  }

  /** No flow may start from now on; then the worker is terminated (waking it from a wait). */
  /** No flow may start from now on (the one running goes on until its program ends). */
  stopFlows(): void {
    Atomics.store(this.state, SHARED.stop, 1);
  }

  async stop(): Promise<void> {
    this.stopFlows();
    this.ended = true;
    this.port.close();
    // `finished` stays unresolved: an interrupted campaign has no ending to report.
    await this.worker.terminate();
  }

  private adopt(message: CampaignMessage): void {
    if (message.kind !== "child") return;
    const { kind, pid, group } = message.change;
    if (kind === "started") trackChild(pid, group);
    else untrackChild(pid);
  }

  private deliver(message: CampaignMessage): void {
    if (this.ended) return;
    this.adopt(message);
    this.onMessage(message);
    if (message.kind === "done" || message.kind === "error") {
      this.ended = true;
      this.port.close();
      void this.worker.terminate();
      this.resolve();
    }
  }
}
