// `cmd:COMMAND`: any program speaking the JSON-lines protocol (v1, or v2 with the live
// expectations after each segment, which gives it a trace), kept running across flows.
// Each run(flow) is one request and one reply; whatever else the program does (exits, hangs,
// writes garbage, answers twice, grows without bound) is a TargetMisbehaviour for that flow,
// after which the program is ended and started afresh for the next flow.
//
// Whose fault (docs/authors.md "Whose fault is it"): trouble of the channel itself (its
// worker thread did not answer or answered out of step, a spawn refused for a reason of the
// machine such as EAGAIN) is the harness's: the same flow is tried again on a fresh program,
// and when that keeps failing run() throws a HarnessError, never a TargetMisbehaviour. A
// timeout is a hang only when a fresh program also misses a longer limit on the same flow:
// under load a correct program can be late once.

import type { Expectation, Flow, Outcome, Trace } from "../../helpers/core/model.ts";
import { FlowError } from "../../helpers/core/model.ts";
import type { SyncTarget } from "../../properties/core/property.ts";
import { HarnessError, UsageError } from "../usage.ts";
import { parseCommandLine } from "./command-words.ts";
import {
  type ChannelEvent,
  type ChannelOptions,
  type ChannelStats,
  SyncLineChannel,
} from "./line-channel.ts";
import { DEFAULT_LEAK_RULE, type LeakRule, MemoryWatch, residentBytes } from "./memory-watch.ts";
import { TargetMisbehaviour } from "./misbehaviour.ts";
import {
  clip,
  type FlowReply,
  flowRequestLine,
  helloLine,
  helloVersion,
  type ProtocolVersion,
  parseHello,
  readFlowReply,
} from "./process-protocol.ts";

export interface ProcessTargetOptions {
  /** Longest a program may take to answer one flow. */
  flowTimeoutMs?: number;
  /** Longest a program may take to start and answer the hello. */
  helloTimeoutMs?: number;
  /** Longest a fresh program may take on a flow the first one did not answer in time,
   * before the flow counts as hung (default: twice flowTimeoutMs). */
  confirmTimeoutMs?: number;
  leakRule?: LeakRule;
  cwd?: string;
  maxLineBytes?: number;
  /** The channel's own knobs (tests plant channel faults through them). */
  channel?: Omit<ChannelOptions, "maxLineBytes">;
}

export const DEFAULT_FLOW_TIMEOUT_MS = 2000;
const DEFAULT_HELLO_TIMEOUT_MS = 10_000;
/** Further tries of one flow, each on a fresh program, after a fault of the harness. */
export const HARNESS_RETRIES = 2;
/** Spawn errors that say the machine is short of something, not that the command is bad. */
const MACHINE_SPAWN_ERRORS = new Set(["EAGAIN", "ENOMEM", "EMFILE", "ENFILE"]);

/** What a process target went through without a finding, for reports. */
export interface ProcessTargetStats extends ChannelStats {
  /** Flows tried again on a fresh program after a fault of the harness. */
  harnessRetries: number;
  /** Flows a program did not answer in time that a fresh program then answered. */
  lateAnswersForgiven: number;
}

/** The channel's own trouble: the harness's, retried, never a finding. */
class ChannelFault extends Error {
  override name = "ChannelFault";
}

type FlowAnswer =
  | { kind: "answer"; id: number; line: string }
  | { kind: "timeout"; id: number; stderr: string };

/** A target that owns resources: close() ends them. */
export interface OpenedTarget extends SyncTarget {
  helpers(): readonly string[];
  close(): Promise<void>;
}

export class ProcessTarget implements OpenedTarget {
  readonly name: string;
  /** Programs started, the first included. */
  starts = 0;
  private readonly channel: SyncLineChannel;
  private readonly commandLine;
  private readonly flowTimeoutMs: number;
  private readonly confirmTimeoutMs: number;
  private readonly helloTimeoutMs: number;
  private harnessRetries = 0;
  private lateAnswersForgiven = 0;
  private readonly memory: MemoryWatch;
  private helperNames: string[] = [];
  private running = false;
  private nextId = 1;
  /** The version the program chose at its first start (null before). */
  private version: ProtocolVersion | null = null;
  /** The live sets of the last reply (v2), handed from run() to trace(). */
  private lastLiveAfter: Expectation[][] | undefined;
  /** Present once the program speaks v2: properties that need live sets see it. */
  trace?: (flow: Flow) => Trace;

  constructor(
    readonly commandText: string,
    private readonly options: ProcessTargetOptions = {},
  ) {
    this.name = `cmd:${commandText}`;
    this.commandLine = parseCommandLine(commandText);
    this.flowTimeoutMs = options.flowTimeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS;
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? 2 * this.flowTimeoutMs;
    this.helloTimeoutMs = options.helloTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS;
    this.memory = new MemoryWatch(options.leakRule ?? DEFAULT_LEAK_RULE);
    this.channel = new SyncLineChannel({ ...options.channel, maxLineBytes: options.maxLineBytes });
  }

  /** Starts the program once up front: one that cannot even say hello is bad tool input. */
  open(): this {
    try {
      this.withHarnessRetries(() => this.start());
    } catch (error) {
      void this.channel.close();
      if (error instanceof TargetMisbehaviour) {
        throw new UsageError(`${this.name}: ${error.kind}: ${error.detail}`);
      }
      throw error;
    }
    return this;
  }

  helpers(): readonly string[] {
    return this.helperNames;
  }

  /** The running program's pid (null between a misbehaviour and the next flow). */
  get pid(): number | null {
    return this.channel.childPid;
  }

  /** Trouble met and overcome so far (none of it is a finding). */
  get stats(): ProcessTargetStats {
    return {
      ...this.channel.stats,
      harnessRetries: this.harnessRetries,
      lateAnswersForgiven: this.lateAnswersForgiven,
    };
  }

  run(flow: Flow): Outcome {
    if (this.starts > 0 && !this.helperNames.includes(flow.helper)) {
      throw new FlowError(
        `${this.name} implements ${this.helperNames.join(", ") || "no helper"}, not "${flow.helper}"`,
      );
    }
    const { id, line } = this.withHarnessRetries(() => this.confirmedAnswer(flow));
    let reply: FlowReply;
    try {
      reply = readFlowReply(line, id, flow.segments.length, this.version ?? 1);
    } catch (error) {
      // After a reply it cannot read, the conversation is out of step: start again.
      this.restart();
      throw error;
    }
    this.watchMemory();
    this.lastLiveAfter = reply.liveAfter;
    return reply.outcome;
  }

  /** A v2 program's outcome with the live sets it reported for each segment. */
  private traceFlow(flow: Flow): Trace {
    this.lastLiveAfter = undefined;
    const outcome = this.run(flow);
    const liveAfter = this.lastLiveAfter as Expectation[][] | undefined;
    // checkVersion keeps the version fixed across restarts, so a v2 reply has live sets.
    if (liveAfter === undefined) throw new Error("a protocol 2 reply without live sets");
    return { outcome, liveAfter };
  }

  async close(): Promise<void> {
    this.running = false;
    await this.channel.close();
  }

  /** The reply line to `flow`. A program that misses the flow timeout is asked again, fresh
   * and with more time, and only when that one misses too is the flow a hang: so the cost of
   * a real hang is bounded by flowTimeoutMs + confirmTimeoutMs. */
  private confirmedAnswer(flow: Flow): { id: number; line: string } {
    const first = this.answer(flow, this.flowTimeoutMs);
    if (first.kind === "answer") return first;
    const second = this.answer(flow, this.confirmTimeoutMs);
    if (second.kind === "answer") {
      this.lateAnswersForgiven++;
      return second;
    }
    throw new TargetMisbehaviour(
      "hung",
      `no reply to request ${first.id} within ${this.flowTimeoutMs} ms, nor from a fresh program to the same flow (request ${second.id}) within ${this.confirmTimeoutMs} ms${stderrTail(second.stderr || first.stderr)}`,
    );
  }

  /** One request for `flow` on the running program (started first when needed). A timeout
   * ends the program and is returned, for confirmedAnswer to judge. */
  private answer(flow: Flow, timeoutMs: number): FlowAnswer {
    const id = this.nextId++;
    // A flow the harness cannot encode is tool input gone wrong, before the program sees it.
    const line = flowRequestLine(id, flow);
    if (!this.running) this.start();
    const event = this.channel.exchange(line, timeoutMs);
    if (event.kind === "timeout") {
      this.restart();
      return { kind: "timeout", id, stderr: event.stderr };
    }
    if (event.kind !== "line") this.fail(this.describe(event, id));
    if (event.trailing) {
      this.fail(
        new TargetMisbehaviour(
          "answered more than once",
          `more output followed its reply to request ${id}`,
        ),
      );
    }
    return { kind: "answer", id, line: event.line };
  }

  /** Runs `attempt`, again on a fresh program after each fault of the channel, at most
   * HARNESS_RETRIES more times; then the fault is the harness's error, not a finding. */
  private withHarnessRetries<T>(attempt: () => T): T {
    for (let retries = 0; ; retries++) {
      try {
        return attempt();
      } catch (error) {
        if (!(error instanceof ChannelFault)) throw error;
        this.restart();
        if (retries >= HARNESS_RETRIES) {
          throw new HarnessError(
            `the harness could not talk to ${this.name}: ${error.message} (${retries + 1} tries, each starting the program afresh). This is trouble of the harness or the machine, not a finding against the program.`,
          );
        }
        this.harnessRetries++;
      }
    }
  }

  private start(): void {
    this.starts++;
    this.memory.reset();
    const { command, args, env } = this.commandLine;
    const started = this.channel.start(command, args, { ...process.env, ...env }, this.options.cwd);
    if (started.kind !== "started") throw startFailure(started);
    const reply = this.channel.exchange(helloLine(), this.helloTimeoutMs);
    if (reply.kind !== "line") {
      this.channel.stop();
      const what = this.describe(reply, 0);
      if (what instanceof ChannelFault) throw what;
      throw new TargetMisbehaviour(`failed the hello (${what.kind})`, what.detail);
    }
    try {
      this.checkVersion(reply.line);
      this.helperNames = parseHello(reply.line);
    } catch (error) {
      this.channel.stop();
      throw error;
    }
    this.running = true;
  }

  /** The version of the first start holds for the whole check: properties chose by it. */
  private checkVersion(line: string): void {
    const version = helloVersion(line);
    if (this.version !== null && version !== this.version) {
      throw new TargetMisbehaviour(
        "changed its protocol version",
        `it answered version ${version} after a restart, version ${this.version} before`,
      );
    }
    this.version = version;
    if (version === 2) this.trace = (flow) => this.traceFlow(flow);
  }

  private watchMemory(): void {
    const pid = this.channel.childPid;
    if (pid === null) return;
    const leak = this.memory.afterFlow(() => residentBytes(pid));
    if (!leak) return;
    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    this.fail(
      new TargetMisbehaviour(
        "leaked memory",
        `resident memory grew from ${mib(leak.fromBytes)} to ${mib(leak.toBytes)} MiB over ${leak.flows} flows (${Math.round((leak.toBytes - leak.fromBytes) / leak.flows / 1024)} KiB per flow); this flow is the one that crossed the line, the program was restarted`,
      ),
    );
  }

  /** What an event other than a reply line says: the program's misbehaviour, or (for the
   * channel's own events) a fault of the harness. */
  private describe(event: ChannelEvent, id: number): TargetMisbehaviour | ChannelFault {
    switch (event.kind) {
      case "exit":
        return new TargetMisbehaviour(
          "exited",
          `${event.signal ? `killed by ${event.signal}` : `exit code ${event.code}`} before answering request ${id}${stderrTail(event.stderr)}`,
        );
      case "timeout":
        return new TargetMisbehaviour(
          "hung",
          `no reply to request ${id} within ${id === 0 ? this.helloTimeoutMs : this.flowTimeoutMs} ms${stderrTail(event.stderr)}`,
        );
      case "too-long":
        return new TargetMisbehaviour(
          "wrote garbage",
          `a reply line of more than ${event.bytes} bytes without a newline`,
        );
      case "unsolicited":
        return new TargetMisbehaviour(
          "answered more than once",
          `before request ${id} it had written a line nobody asked for (after its reply to request ${id - 1}): ${clip(event.line)}`,
        );
      case "worker-error":
        return new ChannelFault(event.message);
      default:
        // A reply of the wrong kind cannot come from the program: the channel is confused.
        return new ChannelFault(`the channel answered "${event.kind}" to request ${id}`);
    }
  }

  private fail(fault: TargetMisbehaviour | ChannelFault): never {
    this.restart();
    throw fault;
  }

  private restart(): void {
    this.running = false;
    this.channel.stop();
  }
}

function stderrTail(text: string): string {
  return text.trim() === "" ? "" : `; its stderr ends: ${clip(text.trim(), 500)}`;
}

/** A program that could not be started: the machine's trouble (retried) or a bad command. */
function startFailure(event: ChannelEvent): TargetMisbehaviour | ChannelFault {
  if (event.kind === "spawn-error") {
    if (event.code !== undefined && MACHINE_SPAWN_ERRORS.has(event.code)) {
      return new ChannelFault(`the machine refused to start the program: ${event.message}`);
    }
    return new TargetMisbehaviour("could not be started", event.message);
  }
  if (event.kind === "worker-error") return new ChannelFault(event.message);
  return new ChannelFault(`the channel answered "${event.kind}" to a start`);
}

/** Opens `cmd:COMMAND` (the text after "cmd:"). */
export function openProcessTarget(
  commandText: string,
  options?: ProcessTargetOptions,
): ProcessTarget {
  return new ProcessTarget(commandText, options).open();
}
