// `cmd:COMMAND`: any program speaking the JSON-lines protocol (v1, or v2 with the live
// expectations after each segment, which gives it a trace), kept running across flows.
// Each run(flow) is one request and one reply; whatever else the program does (exits, hangs,
// writes garbage, answers twice, grows without bound) is a TargetMisbehaviour for that flow,
// after which the program is ended and started afresh for the next flow.

import type { Expectation, Flow, Outcome, Trace } from "../../helpers/core/model.ts";
import { FlowError } from "../../helpers/core/model.ts";
import type { SyncTarget } from "../../properties/core/property.ts";
import { UsageError } from "../usage.ts";
import { parseCommandLine } from "./command-words.ts";
import { type ChannelEvent, SyncLineChannel } from "./line-channel.ts";
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
  leakRule?: LeakRule;
  cwd?: string;
  maxLineBytes?: number;
}

export const DEFAULT_FLOW_TIMEOUT_MS = 2000;
const DEFAULT_HELLO_TIMEOUT_MS = 10_000;

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
  private readonly helloTimeoutMs: number;
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
    this.helloTimeoutMs = options.helloTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS;
    this.memory = new MemoryWatch(options.leakRule ?? DEFAULT_LEAK_RULE);
    this.channel = new SyncLineChannel({ maxLineBytes: options.maxLineBytes });
  }

  /** Starts the program once up front: one that cannot even say hello is bad tool input. */
  open(): this {
    try {
      this.start();
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

  run(flow: Flow): Outcome {
    if (this.starts > 0 && !this.helperNames.includes(flow.helper)) {
      throw new FlowError(
        `${this.name} implements ${this.helperNames.join(", ") || "no helper"}, not "${flow.helper}"`,
      );
    }
    const id = this.nextId++;
    // A flow the harness cannot encode is tool input gone wrong, before the program sees it.
    const line = flowRequestLine(id, flow);
    if (!this.running) this.start();
    const event = this.channel.exchange(line, this.flowTimeoutMs);
    if (event.kind !== "line") this.fail(this.describe(event, id));
    if (event.trailing) {
      this.fail(
        new TargetMisbehaviour(
          "answered more than once",
          `more output followed its reply to request ${id}`,
        ),
      );
    }
    let reply: FlowReply;
    try {
      reply = readFlowReply(event.line, id, flow.segments.length, this.version ?? 1);
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

  private start(): void {
    this.starts++;
    this.memory.reset();
    const { command, args, env } = this.commandLine;
    const started = this.channel.start(command, args, { ...process.env, ...env }, this.options.cwd);
    if (started.kind !== "started") {
      throw new TargetMisbehaviour(
        "could not be started",
        started.kind === "spawn-error" ? started.message : started.kind,
      );
    }
    const reply = this.channel.exchange(helloLine(), this.helloTimeoutMs);
    if (reply.kind !== "line") {
      this.channel.stop();
      const what = this.describe(reply, 0);
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

  private describe(event: ChannelEvent, id: number): TargetMisbehaviour {
    const stderr = (text: string) =>
      text.trim() === "" ? "" : `; its stderr ends: ${clip(text.trim(), 500)}`;
    switch (event.kind) {
      case "exit":
        return new TargetMisbehaviour(
          "exited",
          `${event.signal ? `killed by ${event.signal}` : `exit code ${event.code}`} before answering request ${id}${stderr(event.stderr)}`,
        );
      case "timeout":
        return new TargetMisbehaviour(
          "hung",
          `no reply to request ${id} within ${id === 0 ? this.helloTimeoutMs : this.flowTimeoutMs} ms${stderr(event.stderr)}`,
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
      default:
        return new TargetMisbehaviour(
          "could not be talked to",
          `${event.kind}${"message" in event ? `: ${event.message}` : ""}`,
        );
    }
  }

  private fail(misbehaviour: TargetMisbehaviour): never {
    this.restart();
    throw misbehaviour;
  }

  private restart(): void {
    this.running = false;
    this.channel.stop();
  }
}

/** Opens `cmd:COMMAND` (the text after "cmd:"). */
export function openProcessTarget(
  commandText: string,
  options?: ProcessTargetOptions,
): ProcessTarget {
  return new ProcessTarget(commandText, options).open();
}
