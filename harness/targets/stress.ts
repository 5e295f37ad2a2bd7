// The stress run of a correct process target (docs/authors.md "Stress"): every FTP property
// the program implements, checked over and over, while some answers come near the flow
// timeout (a relay holds them back), busy processes keep the cores loaded, and the program
// is killed now and then. A correct program must come out with 0 findings: whatever goes
// wrong is the harness's, retried or counted as a harness error, never a finding.

import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Flow, Outcome } from "../../helpers/core/model.ts";
import { helperRegistry } from "../../helpers/registry.ts";
import type { FlowProperty, Subject, SyncTarget } from "../../properties/core/property.ts";
import { propertyRegistry } from "../../properties/registry.ts";
import { trackChild, untrackChild } from "../child-processes.ts";
import { caseToJson } from "../corpus.ts";
import { HarnessError } from "../usage.ts";
import { specTarget } from "./in-process.ts";
import { TargetMisbehaviour } from "./misbehaviour.ts";
import { openProcessTarget, type ProcessTargetStats } from "./process-target.ts";

export interface StressOptions {
  /** The correct program, as for cmd: (it must implement ftp). */
  command: string;
  /** Flows sent to the program (a property may send one flow twice: both count). */
  flows: number;
  flowTimeoutMs: number;
  /** CPU-bound child processes kept running beside it. */
  busy: number;
  /** Their nice value: 0 competes with the program as equals; 19 still keeps every core
   * busy but lets the program's wake-ups through (a long run ends sooner). */
  busyNice?: number;
  /** Mean flows between two kills of the program (0: never). */
  killEvery: number;
  seed: number;
  findingsDir: string;
  onProgress?: (report: StressReport) => void;
}

export interface StressReport {
  target: string;
  flows: number;
  checks: number;
  /** Property failures or misbehaviours not explained by the run's own kills: must be 0. */
  findings: number;
  /** Flows on which the harness gave up after its retries (HarnessError). */
  harnessErrors: number;
  /** Kills of the program by this run, each seen as "exited: killed by SIGKILL". */
  forcedRestarts: number;
  starts: number;
  channel: ProcessTargetStats;
  durationMs: number;
  /** The first few findings and harness errors, in full. */
  messages: string[];
  /** Where the findings were saved. */
  saved: string[];
}

/** Exit codes of the stress script (docs/authors.md "Stress"). */
export const STRESS_EXIT = { ok: 0, findings: 1, usage: 2, harnessErrors: 3 } as const;

const BATCH = 200;
const KEPT_MESSAGES = 10;

export function stressExitCode(report: StressReport): number {
  if (report.findings > 0) return STRESS_EXIT.findings;
  if (report.harnessErrors > 0) return STRESS_EXIT.harnessErrors;
  return STRESS_EXIT.ok;
}

export async function runStress(options: StressOptions): Promise<StressReport> {
  const started = performance.now();
  const busy = startBusyProcesses(options.busy, options.busyNice ?? 0);
  const target = openProcessTarget(options.command, { flowTimeoutMs: options.flowTimeoutMs });
  const report: StressReport = {
    target: target.name,
    flows: 0,
    checks: 0,
    findings: 0,
    harnessErrors: 0,
    forcedRestarts: 0,
    starts: 0,
    channel: target.stats,
    durationMs: 0,
    messages: [],
    saved: [],
  };
  // What target.run threw, before a property wraps it in its own message, and whether it
  // was the first flow after one of this run's kills (which explains an exit, once).
  let thrown: unknown;
  let thrownAfterKill = false;
  let killPending = false;
  const counted: SyncTarget = {
    name: target.name,
    run(flow: Flow): Outcome {
      report.flows++;
      const afterKill = killPending;
      killPending = false;
      try {
        return target.run(flow);
      } catch (error) {
        thrown = error;
        thrownAfterKill = afterKill;
        throw error;
      }
    },
  };
  const subject: Subject = {
    target: counted,
    reference: specTarget,
    helper: helperRegistry.ftp.helper,
  };
  const properties = propertyRegistry.ftp.properties.filter(
    (p) => p.name !== "differential" && p.skipReason?.(subject) === undefined,
  );
  const random = new Mulberry(options.seed);
  let nextKill = scheduleKill(0, options.killEvery, random);
  let batch = 0;
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    while (report.flows < options.flows && !stopping) {
      const property = properties[batch % properties.length];
      const flows = fc.sample(property.arbitrary, { numRuns: BATCH, seed: options.seed + batch });
      batch++;
      for (const flow of flows) {
        if (report.flows >= options.flows) break;
        if (report.flows >= nextKill) {
          killPending = killProgram(target.pid) || killPending;
          nextKill = scheduleKill(report.flows, options.killEvery, random);
        }
        thrown = undefined;
        thrownAfterKill = false;
        report.checks++;
        try {
          property.check(flow, subject);
        } catch (error) {
          judge(report, options, property, flow, thrown ?? error, thrownAfterKill);
        }
      }
      report.starts = target.starts;
      report.channel = target.stats;
      report.durationMs = performance.now() - started;
      options.onProgress?.(report);
      // Lets a signal in between batches: the run ends with its report.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await target.close();
    endBusyProcesses(busy);
  }
  report.starts = target.starts;
  report.channel = target.stats;
  report.durationMs = performance.now() - started;
  return report;
}

function judge(
  report: StressReport,
  options: StressOptions,
  property: FlowProperty,
  flow: Flow,
  error: unknown,
  killed: boolean,
): void {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof HarnessError) {
    report.harnessErrors++;
    keep(report, `harness error: ${message}`);
    return;
  }
  if (
    killed &&
    error instanceof TargetMisbehaviour &&
    error.kind === "exited" &&
    error.detail.startsWith("killed by SIGKILL")
  ) {
    report.forcedRestarts++;
    return;
  }
  report.findings++;
  // Saved before it is reported: a false finding is the evidence of a harness bug.
  mkdirSync(options.findingsDir, { recursive: true });
  const path = join(options.findingsDir, `stress-${report.findings}-${property.name}.json`);
  writeFileSync(
    path,
    caseToJson({
      name: `stress ${property.name}`,
      description: message,
      property: property.name,
      flow,
    }),
  );
  report.saved.push(path);
  keep(report, `finding (${property.name}): ${message}`);
}

function keep(report: StressReport, message: string): void {
  if (report.messages.length < KEPT_MESSAGES) report.messages.push(message);
}

/** SIGKILL to the program (the harness's own child, alive: it answered the last flow). */
function killProgram(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, "SIGKILL");
    return true;
  } catch {
    return false;
  }
}

function scheduleKill(now: number, every: number, random: Mulberry): number {
  return every === 0 ? Infinity : now + 1 + Math.floor(random.next() * 2 * every);
}

/** A small seeded generator for the kill schedule (fast-check's own is for its arbitraries). */
class Mulberry {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

// Each busy process spins until its parent is gone (it checks between bursts), so none
// outlives the run even if the run itself is killed.
const BUSY_LOOP = `const parent = process.ppid;
for (;;) { for (let i = 0; i < 5e7; i++); if (process.ppid !== parent) process.exit(0); }`;

function startBusyProcesses(count: number, nice: number): number[] {
  const pids: number[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, ["-e", BUSY_LOOP], { stdio: "ignore" });
    child.unref();
    if (child.pid === undefined) throw new HarnessError("could not start a busy process");
    trackChild(child.pid, false);
    if (nice !== 0) setPriority(child.pid, nice);
    pids.push(child.pid);
  }
  return pids;
}

function endBusyProcesses(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    untrackChild(pid);
  }
}
