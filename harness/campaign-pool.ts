// The main thread's side of a campaign: a tinypool of worker threads (campaign-worker.ts),
// each with its own target, is handed the campaign's units one at a time, as many at once as
// there are workers. Saved cases first, then the chunks of every property (this shard's,
// campaign-chunks.ts); results are combined per property and reported in plan order, so
// the report is the same for any number of workers. Under a time budget the properties run
// one after the other, each with its share of the time left; a chunk that holds its worker
// past that share is cut (the worker is ended), and the campaign goes on.

import { availableParallelism } from "node:os";
import Tinypool from "tinypool";
import {
  askedRuns,
  type CampaignEntry,
  type CampaignPlan,
  type PlannedProperty,
  plannedProperties,
  SAVED_PROPERTY,
} from "./campaign.ts";
import { type CheckedChunk, combineChunks, endsProperty, ownsChunk } from "./campaign-chunks.ts";
import {
  type CampaignUnit,
  CHILDREN_CHANNEL,
  type FailingOutcomes,
  SHARED,
  type UnitAnswer,
} from "./campaign-units.ts";
import { type ChildChange, trackChild, untrackChild } from "./child-processes.ts";
import { saveFinding } from "./findings.ts";
import { addTally, type KnownTally } from "./known-difference-mask.ts";
import { addCoverage, type CoverageTally, emptyCoverage } from "./spec-coverage.ts";

/** What a chunk's answer brings beside its result. */
type ChunkExtras = { outcomes?: FailingOutcomes; known?: KnownTally; coverage?: CoverageTally };

import { chunkCount, type PropertyResult } from "./runner.ts";
import { DEFAULT_FLOW_TIMEOUT_MS } from "./targets/process-target.ts";

/** The worker module beside this file, of this file's own kind: .ts when run from the
 * sources, .js in a compiled package. */
const WORKER_MODULE = new URL(
  `./campaign-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
  import.meta.url,
).href;
const WORKER_ENTRY = new URL("./campaign-worker-entry.mjs", import.meta.url).href;
/** The corpus folders, one per helper, beside the harness in the sources and in dist/. */
const CORPUS_DIR = new URL("../corpus/", import.meta.url);

/** How long past its share a chunk may hold its worker before it is cut: a second, plus
 * twice the flow timeout of a process target (a flow that hangs there is the target's
 * finding, caught by that timeout; only a worker stuck past it is the harness's to end). */
function cutGraceMs(plan: CampaignPlan): number {
  return 1000 + 2 * (plan.targetOptions?.flowTimeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS);
}

/** How long the workers may take to close their targets at the end. */
const CLOSE_LIMIT_MS = 10_000;

export interface PoolOutcome {
  entries: CampaignEntry[];
  /** How often a cmd: target's programs were started, over every worker. */
  targetStarts?: number;
  /** The target could not be opened (its class name and text); nothing ran. */
  error?: { name: string; message: string; stack?: string };
  workers: number;
  /** Wall-clock time from the first saved case to the last property. */
  durationMs: number;
  /** When that time started (epoch ms). */
  clockStartedAt: number;
}

export interface PoolHooks {
  /** Each entry once it is done, saved cases first, then the properties in plan order; its
   * finding, if any, is already on disk. */
  onResult?: (entry: CampaignEntry) => void;
}

interface PropertyState {
  planned: PlannedProperty;
  /** The next chunk index to look at for dispatch. */
  next: number;
  total: number;
  answers: Map<number, CheckedChunk & ChunkExtras>;
  inFlight: Set<number>;
  /** The lowest chunk that ended the property. */
  terminalAt: number;
  dispatchEnded: boolean;
  endedByTime: boolean;
  cut: boolean;
  deadline?: number;
  started: boolean;
  /** When its first chunk went out (epoch ms). */
  startedAt?: number;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export class CampaignPool {
  readonly workers: number;
  private readonly pool: Tinypool;
  private readonly state: Int32Array;
  private readonly planned: PlannedProperty[];
  private readonly props: PropertyState[];
  private readonly channel: BroadcastChannel;
  private readonly starts = new Map<number, number>();
  private readonly entries: CampaignEntry[] = [];
  private readonly helperDeadlines = new Map<string, number>();
  private inFlight = 0;
  private dispatchCursor = 0;
  private emitCursor = 0;
  private stopped = false;
  private campaignDeadline = Infinity;
  private targetName = "";
  private wake: () => void = () => {};

  constructor(
    private readonly plan: CampaignPlan,
    private readonly hooks: PoolHooks = {},
  ) {
    this.workers = plan.workers ?? defaultWorkers();
    this.planned = plannedProperties(plan);
    this.state = new Int32Array(
      new SharedArrayBuffer((SHARED.firstProperty + this.planned.length) * 4),
    );
    const total = chunkCount(plan.runs);
    this.props = this.planned.map((planned) => ({
      planned,
      next: 0,
      total,
      answers: new Map(),
      inFlight: new Set(),
      terminalAt: Infinity,
      dispatchEnded: false,
      endedByTime: false,
      cut: false,
      started: false,
    }));
    this.channel = new BroadcastChannel(CHILDREN_CHANNEL(process.env.HELPERFUZZ_SESSION));
    // Adopted here, so a signal on this thread ends them.
    this.channel.onmessage = (event) => {
      const { kind, pid, group } = (event as MessageEvent<ChildChange>).data;
      if (kind === "started") trackChild(pid, group);
      else untrackChild(pid);
    };
    (this.channel as unknown as { unref(): void }).unref();
    this.pool = new Tinypool({
      filename: WORKER_ENTRY,
      minThreads: this.workers,
      maxThreads: this.workers,
      workerData: { module: WORKER_MODULE, shared: this.state.buffer },
      // No tinypool teardown: it would wait on a worker stuck in a hung flow before ending it
      // (closeWorkers closes the targets instead).
      // The entry registers tsx itself; the parent's loader flags would register it twice.
      execArgv: [],
    });
  }

  /** The properties started and not yet reported, with the flows checked in each so far:
   * read live, also while every worker is blocked. */
  running(): { index: number; label: string; runs: number }[] {
    const live: { index: number; label: string; runs: number }[] = [];
    for (let index = this.emitCursor; index < this.props.length; index++) {
      const p = this.props[index];
      if (!p.started) continue;
      live.push({
        index,
        label: `${p.planned.helper}/${p.planned.property.name}`,
        runs: Atomics.load(this.state, SHARED.firstProperty + index),
      });
    }
    return live;
  }

  /** No flow may start from now on (the one running goes on until its program ends). */
  stopFlows(): void {
    Atomics.store(this.state, SHARED.stop, 1);
  }

  /** Interrupted: nothing more is dispatched or reported; the process exit ends the
   * workers (a worker blocked on a program cannot take the pool's teardown). */
  stop(): void {
    this.stopFlows();
    this.stopped = true;
    this.channel.close();
  }

  async run(): Promise<PoolOutcome> {
    // Restarted once every worker is up: the workers' start is not the campaign's time.
    let started = performance.now();
    let clockStartedAt = Date.now();
    const outcome = (error?: PoolOutcome["error"]): PoolOutcome => ({
      entries: this.entries,
      targetStarts: this.targetStarts(),
      workers: this.workers,
      durationMs: performance.now() - started,
      clockStartedAt,
      ...(error ? { error } : {}),
    });
    try {
      // Every worker opens its target before the clock starts: a bad target says so once.
      const opened = await Promise.all(
        Array.from({ length: this.workers }, () =>
          this.task({ kind: "open" }).catch(
            (error): UnitAnswer => ({
              kind: "error",
              name: "HarnessError",
              message: `a campaign worker failed to start: ${String(error)}`,
            }),
          ),
        ),
      );
      const failed = opened.find((a) => a.kind === "error");
      if (failed?.kind === "error") return outcome(failed);
      const first = opened[0];
      if (first.kind === "open") this.targetName = first.targetName;
      started = performance.now();
      clockStartedAt = Date.now();
      if (this.plan.timeSeconds !== undefined) {
        this.campaignDeadline = performance.now() + this.plan.timeSeconds * 1000;
      }
      if (this.plan.replaySaved !== false) await this.replaySaved();
      await new Promise<void>((resolve) => {
        this.wake = () => {
          this.fill();
          if (this.stopped || (this.emitCursor === this.props.length && this.inFlight === 0))
            resolve();
        };
        this.wake();
      });
      return outcome();
    } finally {
      if (!this.stopped) {
        await this.closeWorkers();
        this.channel.close();
        await this.pool.destroy();
      }
    }
  }

  /** Every worker closes its target (its program ends): one close unit per worker, all at
   * once, so each idle worker takes one; a worker that does not answer in time is ended by
   * the pool's destroy. */
  private async closeWorkers(): Promise<void> {
    const closes = Array.from({ length: this.workers }, () =>
      this.task({ kind: "close" }).catch(() => undefined),
    );
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_LIMIT_MS);
    });
    await Promise.race([Promise.all(closes), limit]);
    clearTimeout(timer);
  }

  private targetStarts(): number | undefined {
    if (this.starts.size === 0) return undefined;
    return [...this.starts.values()].reduce((a, b) => a + b, 0);
  }

  private async task(unit: CampaignUnit, signal?: AbortSignal): Promise<UnitAnswer> {
    const answer: UnitAnswer = await this.pool.run({ plan: this.plan, unit }, { signal });
    if (answer.kind !== "error" && answer.worker !== undefined && answer.starts !== undefined) {
      this.starts.set(answer.worker, Math.max(answer.starts, this.starts.get(answer.worker) ?? 0));
    }
    return answer;
  }

  /** Every helper's saved findings and corpus cases, all at once, before any generation. */
  private async replaySaved(): Promise<void> {
    const answers = await Promise.all(
      this.plan.helpers.map((helper) =>
        this.task({
          kind: "saved",
          helper,
          dirs: [`${this.plan.findingsDir}/${helper}`, new URL(helper, CORPUS_DIR).pathname],
        }).catch(
          (error): UnitAnswer => ({ kind: "error", name: "HarnessError", message: String(error) }),
        ),
      ),
    );
    for (const [i, answer] of answers.entries()) {
      if (this.stopped) return;
      const helper = this.plan.helpers[i];
      const result: PropertyResult = {
        property: SAVED_PROPERTY,
        target: this.targetName,
        runs: 0,
        seed: this.plan.seed,
        durationMs: 0,
        timedOut: false,
      };
      const entry: CampaignEntry = { helper, result };
      if (answer.kind === "saved") {
        if (answer.known) entry.known = answer.known;
        result.runs = answer.cases;
        result.durationMs = answer.durationMs;
        entry.saved = { cases: answer.cases, failures: answer.failures, problems: answer.problems };
        const failed = answer.failures[0];
        if (failed) {
          result.failure = {
            flow: failed.flow,
            message: `${failed.file} (${failed.property}): ${failed.message}`,
            seed: this.plan.seed,
            path: "",
            shrinks: 0,
          };
          entry.finding = { kind: "already-saved", path: failed.file };
          entry.outcomes = failed.outcomes;
        }
      } else if (answer.kind === "error") {
        result.harnessError = answer.message;
      }
      if (answer.kind === "saved" && answer.cases === 0 && answer.problems.length === 0) continue;
      this.entries.push(entry);
      this.hooks.onResult?.(entry);
    }
  }

  /** Hands out units while a worker is free. */
  private fill(): void {
    while (!this.stopped && this.inFlight < this.workers) {
      const next = this.nextChunk();
      if (!next) break;
      this.dispatch(next.index, next.chunk);
    }
    this.emit();
  }

  private timed(): boolean {
    return this.campaignDeadline !== Infinity;
  }

  private nextChunk(): { index: number; chunk: number } | undefined {
    while (this.dispatchCursor < this.props.length && this.props[this.dispatchCursor].dispatchEnded)
      this.dispatchCursor++;
    const shard = this.plan.shard;
    for (let index = this.dispatchCursor; index < this.props.length; index++) {
      // Each property either hands out its next chunk or is done handing out: so the
      // properties go out in order (under a time budget, one at a time, each in its share).
      const p = this.props[index];
      if (p.dispatchEnded) continue;
      if (this.timed()) {
        p.deadline ??= this.deadlineFor(index);
        if (performance.now() >= p.deadline) {
          p.dispatchEnded = true;
          p.endedByTime = true;
          continue;
        }
      }
      while (p.next < p.total && !ownsChunk(shard, index, p.next)) p.next++;
      if (p.next >= p.total || p.next > p.terminalAt) {
        p.dispatchEnded = true;
        continue;
      }
      return { index, chunk: p.next++ };
    }
    return undefined;
  }

  /** A property's deadline when its first chunk goes out: an even share of its helper's
   * time (itself an even share of the campaign's time left among the helpers left), at least
   * 100 ms while any time is left. */
  private deadlineFor(index: number): number {
    const now = performance.now();
    const left = this.campaignDeadline - now;
    if (left <= 0) return now;
    const rest = this.planned.slice(index);
    const helper = this.planned[index].helper;
    let helperDeadline = this.helperDeadlines.get(helper);
    if (helperDeadline === undefined) {
      const helpersLeft = new Set(rest.map((p) => p.helper)).size;
      helperDeadline = now + left / helpersLeft;
      this.helperDeadlines.set(helper, helperDeadline);
    }
    const propertiesLeft = rest.filter((p) => p.helper === helper).length;
    return now + Math.min(left, Math.max(100, (helperDeadline - now) / propertiesLeft));
  }

  private dispatch(index: number, chunk: number): void {
    const p = this.props[index];
    p.started = true;
    p.startedAt ??= Date.now();
    p.inFlight.add(chunk);
    this.inFlight++;
    const timeLimitMs = p.deadline === undefined ? undefined : p.deadline - performance.now();
    const abort = timeLimitMs === undefined ? undefined : new AbortController();
    const grace = cutGraceMs(this.plan);
    const timer =
      abort && timeLimitMs !== undefined
        ? setTimeout(() => abort.abort(), Math.max(0, timeLimitMs) + grace)
        : undefined;
    const { helper, property } = p.planned;
    const unit: CampaignUnit = {
      kind: "chunk",
      index,
      helper,
      property: property.name,
      chunk,
      timeLimitMs,
    };
    this.task(unit, abort?.signal)
      .catch((error): UnitAnswer => {
        const base = { property: property.name, target: this.targetName, seed: this.plan.seed };
        const cut = abort?.signal.aborted === true;
        if (cut) p.cut = true;
        const message = cut
          ? `cut at its share of the time budget (${Math.round(timeLimitMs ?? 0)} ms): a flow held its worker ${grace} ms past it`
          : `the worker checking it ended: ${error instanceof Error ? error.message : String(error)}`;
        return {
          kind: "chunk",
          index,
          chunk,
          result: { ...base, runs: 0, durationMs: 0, timedOut: cut, harnessError: message },
        };
      })
      .then((answer) => {
        clearTimeout(timer);
        p.inFlight.delete(chunk);
        this.inFlight--;
        if (!this.stopped) this.take(p, chunk, answer);
        this.wake();
      });
  }

  private take(p: PropertyState, chunk: number, answer: UnitAnswer): void {
    let checked: CheckedChunk & ChunkExtras;
    if (answer.kind === "chunk") {
      checked = {
        index: chunk,
        result: answer.result,
        outcomes: answer.outcomes,
        known: answer.known,
        coverage: answer.coverage,
      };
    } else {
      // Not the target's doing: the harness's (with where it was, when it is a fault).
      const message =
        answer.kind === "error"
          ? /HarnessError|RunFailure/.test(answer.name)
            ? answer.message
            : `${answer.name}: ${answer.stack ?? answer.message}`
          : `unexpected answer ${answer.kind}`;
      checked = {
        index: chunk,
        result: {
          property: p.planned.property.name,
          target: this.targetName,
          runs: 0,
          seed: this.plan.seed,
          durationMs: 0,
          timedOut: false,
          harnessError: message,
        },
      };
    }
    p.answers.set(chunk, checked);
    if (endsProperty(checked.result)) {
      p.terminalAt = Math.min(p.terminalAt, chunk);
      p.dispatchEnded = true;
    } else if (checked.result.timedOut) {
      p.dispatchEnded = true;
      p.endedByTime = true;
    }
  }

  /** Whether every chunk that counts for the property is in. */
  private complete(p: PropertyState): boolean {
    if (!p.dispatchEnded) return false;
    for (const chunk of p.inFlight) if (chunk < p.terminalAt) return false;
    return true;
  }

  /** Reports the properties done, in plan order. */
  private emit(): void {
    while (!this.stopped && this.emitCursor < this.props.length) {
      const p = this.props[this.emitCursor];
      if (!this.complete(p)) return;
      this.emitCursor++;
      const entry = this.entryOf(p);
      this.entries.push(entry);
      this.hooks.onResult?.(entry);
    }
  }

  private entryOf(p: PropertyState): CampaignEntry {
    const { helper, property } = p.planned;
    const answers = [...p.answers.values()];
    const { result, records } = combineChunks(answers, {
      property: property.name,
      target: answers[0]?.result.target ?? this.targetName,
      seed: this.plan.seed,
    });
    if (p.endedByTime) result.timedOut = true;
    // The known classes of the chunks that count, as their runs are.
    const counted = new Set(records.map((r) => r.index));
    const known = answers
      .filter((a) => counted.has(a.index))
      .reduce<KnownTally>((sum, a) => addTally(sum, a.known), {});
    const coverage = answers
      .filter((a) => counted.has(a.index))
      .reduce<CoverageTally>((sum, a) => addCoverage(sum, a.coverage), emptyCoverage());
    const entry: CampaignEntry = {
      helper,
      result,
      askedRuns: askedRuns(this.plan.runs),
      chunks: records,
      ...(p.cut && records.at(-1)?.ended === "harness error" ? { cut: true } : {}),
      ...(Object.keys(known).length > 0 ? { known } : {}),
      // A failed property's coverage is left out: shards cannot know which of their chunks
      // come after the failure, so it would not add up to the unsharded campaign's.
      ...(coverage.specRuns > 0 && !result.failure ? { coverage } : {}),
      ...(p.startedAt !== undefined ? { startedAt: p.startedAt } : {}),
    };
    if (entry.cut && entry.chunks) entry.chunks[entry.chunks.length - 1].ended = "cut";
    if (result.failure) {
      const terminal = answers.find((a) => a.index === p.terminalAt);
      const outcomes = terminal?.outcomes;
      const outcome = outcomes && typeof outcomes.target !== "string" ? outcomes.target : undefined;
      entry.finding = saveFinding(this.plan.findingsDir, helper, result, outcome);
      entry.outcomes = outcomes;
    }
    return entry;
  }
}
