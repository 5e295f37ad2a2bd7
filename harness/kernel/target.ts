// The `kernel` target: the running Linux kernel's own helpers, driven by harness/kernel/
// agent.py inside private network namespaces that the agent creates (unshare -n) and
// that vanish with it. Requests are pipelined: every run() in flight is one line on the
// agent's stdin, and the agent runs whatever has arrived as one batch. The agent reports
// what is live when a flow ends (ctnetlink NEW minus DESTROY); trace() gets the live set
// after each segment by running every prefix of the flow in the same batch.

import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Expectation, Flow, Outcome, Target, Trace } from "../../helpers/core/model.ts";
import { trackChildProcess } from "../child-processes.ts";
import { errorFromWire, flowToWire, liveAtEndFromWire, outcomeFromWire } from "./wire.ts";

const AGENT = join(dirname(fileURLToPath(import.meta.url)), "agent.py");
const HELLO_TIMEOUT_MS = 15_000;
const CLOSE_TIMEOUT_MS = 5_000;

export interface KernelTargetOptions {
  /** Reject a flow not answered this long after it was sent (default 30 s). */
  flowTimeoutMs?: number;
  /** Pin the agent (and so the packets it injects) to this CPU; default: its first CPU. */
  cpu?: number;
  /** The Python 3 interpreter (default /usr/bin/python3, else python3 from PATH). */
  python?: string;
}

export interface KernelHello {
  helpers: string[];
  kernel: string;
  loose: boolean | null;
  /** Whether this kernel has the 2026-05 "avoid u16 overflows" FTP fix (probed at start). */
  avoidU16Overflows: boolean;
  pid: number;
  slots: number;
  /** Inode numbers of the agent's router, client and server namespaces. */
  namespaces: Record<"router" | "client" | "server", number>;
}

export interface KernelTarget extends Target {
  readonly hello: KernelHello;
  run(flow: Flow): Promise<Outcome>;
  /** The outcome and the expectations live after each segment: each prefix of the flow
   * runs as a flow of its own (own slot), its live set at the end is the whole flow's
   * after that segment. Costs one flow per segment when the flow creates anything. */
  trace(flow: Flow): Promise<Trace>;
  close(): Promise<void>;
}

interface Answer {
  outcome: Outcome;
  liveAtEnd: Expectation[];
}

interface Waiting {
  resolve(answer: Answer): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  segments: number;
}

function defaultPython(): string {
  return existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

class KernelAgent implements KernelTarget {
  readonly name = "kernel";
  hello!: KernelHello;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private buffered = "";
  private outgoing: string[] = [];
  private stderr = "";
  private failure: Error | null = null;
  private helloWaiter: Waiting | null = null;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly flowTimeoutMs: number,
  ) {
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => this.onData(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    child.stdin.on("error", () => {}); // reported through "exit"
    child.on("exit", (code, signal) => {
      const detail = this.stderr.trim() ? `: ${this.stderr.trim()}` : "";
      this.fail(new Error(`kernel agent exited (${signal ?? `code ${code}`})${detail}`));
    });
  }

  async start(): Promise<void> {
    const reply = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("kernel agent did not answer hello")),
        HELLO_TIMEOUT_MS,
      );
      this.helloWaiter = { resolve: resolve as (a: unknown) => void, reject, timer, segments: 0 };
      this.child.stdin.write(`${JSON.stringify({ op: "hello", version: 1 })}\n`);
    });
    this.hello = reply as KernelHello;
  }

  helpers(): readonly string[] {
    return this.hello.helpers;
  }

  async run(flow: Flow): Promise<Outcome> {
    return (await this.ask(flow)).outcome;
  }

  async trace(flow: Flow): Promise<Trace> {
    const whole = await this.ask(flow);
    // No NEW event: nothing was ever live, no prefix needs asking.
    if (whole.outcome.expectations.length === 0) {
      return { outcome: whole.outcome, liveAfter: flow.segments.map(() => []) };
    }
    const shorter = await Promise.all(
      flow.segments
        .slice(0, -1)
        .map((_, i) => this.ask({ ...flow, segments: flow.segments.slice(0, i + 1) })),
    );
    return {
      outcome: whole.outcome,
      liveAfter: [...shorter, whole].map((answer) => answer.liveAtEnd),
    };
  }

  private ask(flow: Flow): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const line = `${JSON.stringify({ op: "flow", id, flow: flowToWire(flow) })}\n`;
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A hung agent is a finding; it cannot be trusted with the next flow either.
        this.fail(new Error(`kernel agent did not answer flow ${id} in ${this.flowTimeoutMs} ms`));
        this.child.kill("SIGKILL");
      }, this.flowTimeoutMs);
      this.waiting.set(id, { resolve, reject, timer, segments: flow.segments.length });
      this.send(line);
    });
  }

  /** Lines written in the same tick go out in one write: one batch for the agent. */
  private send(line: string): void {
    this.outgoing.push(line);
    if (this.outgoing.length > 1) return;
    setImmediate(() => {
      const lines = this.outgoing.join("");
      this.outgoing = [];
      this.child.stdin.write(lines);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    let newline = this.buffered.indexOf("\n");
    while (newline >= 0) {
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      if (line.trim()) this.onLine(line);
      newline = this.buffered.indexOf("\n");
    }
  }

  private onLine(line: string): void {
    let reply: Record<string, unknown>;
    try {
      reply = JSON.parse(line);
    } catch {
      this.fail(new Error(`kernel agent wrote a line that is not JSON: ${line.slice(0, 200)}`));
      return;
    }
    if (this.helloWaiter && reply.ok === true) {
      const waiter = this.helloWaiter;
      this.helloWaiter = null;
      clearTimeout(waiter.timer);
      waiter.resolve(reply as unknown as Answer);
      return;
    }
    const waiter = this.waiting.get(reply.id as number);
    if (!waiter) {
      this.fail(new Error(`kernel agent answered an unknown request: ${line.slice(0, 200)}`));
      return;
    }
    this.waiting.delete(reply.id as number);
    clearTimeout(waiter.timer);
    if (reply.error !== undefined) {
      waiter.reject(errorFromWire(reply));
      return;
    }
    try {
      waiter.resolve({
        outcome: outcomeFromWire(reply.outcome, waiter.segments),
        liveAtEnd: liveAtEndFromWire(reply.outcome),
      });
    } catch (error) {
      waiter.reject(error as Error);
    }
  }

  private fail(error: Error): void {
    if (!this.failure) this.failure = error;
    const everyone = [...this.waiting.values()];
    this.waiting.clear();
    if (this.helloWaiter) everyone.push(this.helloWaiter);
    this.helloWaiter = null;
    for (const waiter of everyone) {
      clearTimeout(waiter.timer);
      waiter.reject(this.failure);
    }
  }
}

/** Starts one agent (its own namespaces, its own CPU) and waits for its hello. */
export async function createKernelTarget(options: KernelTargetOptions = {}): Promise<KernelTarget> {
  const env: NodeJS.ProcessEnv = { ...process.env, HF_PARENT_PID: String(process.pid) };
  if (options.cpu !== undefined) env.HF_CPU = String(options.cpu);
  const child = spawn("unshare", ["-n", options.python ?? defaultPython(), AGENT], {
    stdio: ["pipe", "pipe", "pipe"],
    env,
  });
  trackChildProcess(child);
  const agent = new KernelAgent(child, options.flowTimeoutMs ?? 30_000);
  try {
    await agent.start();
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return agent;
}

const run = promisify(execFile);

async function found(command: string): Promise<boolean> {
  try {
    await run("sh", ["-c", `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

/** A flow that must give exactly one expectation wherever the kernel's ftp helper works. */
const PROBE: Flow = {
  helper: "ftp",
  l4: "tcp",
  client: { addr: "198.18.1.2", port: 40000 },
  server: { addr: "198.19.1.2", port: 21 },
  segments: [
    { dir: "orig", data: new TextEncoder().encode("USER a\r\n") },
    { dir: "orig", data: new TextEncoder().encode("PORT 198,18,1,2,39,16\r\n") },
  ],
};

let availability: Promise<{ ok: true } | { ok: false; reason: string }> | undefined;

async function probeAvailability(): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (process.platform !== "linux") return { ok: false, reason: "not Linux" };
  if (process.getuid?.() !== 0)
    return {
      ok: false,
      reason: "not root (the kernel target needs CAP_NET_ADMIN in new namespaces)",
    };
  for (const command of ["unshare", "nft", "ip", "sysctl"]) {
    if (!(await found(command)))
      return {
        ok: false,
        reason: `${command} not found (install util-linux, nftables, iproute2, procps)`,
      };
  }
  if (!existsSync("/proc/sys/net/netfilter"))
    return { ok: false, reason: "no netfilter conntrack in this kernel" };
  let target: KernelTarget | undefined;
  try {
    target = await createKernelTarget({ flowTimeoutMs: 10_000 });
    const outcome = await target.run(PROBE);
    if (outcome.expectations.length !== 1) {
      return {
        ok: false,
        reason: "the kernel's ftp helper created no expectation for a PORT probe",
      };
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `kernel target failed to start: ${(error as Error).message}` };
  } finally {
    await target?.close();
  }
}

/** Whether the kernel target can run here (memoized): root, the tools, and a probe flow
 * through the kernel's own ftp helper that gives its expectation. */
export function kernelAvailability(): Promise<{ ok: true } | { ok: false; reason: string }> {
  availability ??= probeAvailability();
  return availability;
}
