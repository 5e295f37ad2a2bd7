// The boundary between the main thread and the campaign's pool of workers
// (campaign-pool.ts hands units out, campaign-worker.ts checks them): a task is the plan and
// one unit of work; the answer is plain data. A small shared array says live how many flows
// each property has checked and tells every worker to stop; child processes a worker starts
// are announced on a broadcast channel, so the main thread can end them on a signal.

import type { Flow, Outcome } from "../helpers/core/model.ts";
import type { CampaignPlan } from "./campaign.ts";
import type { KnownTally } from "./known-difference-mask.ts";
import type { PropertyResult } from "./runner.ts";
import type { CoverageTally } from "./spec-coverage.ts";

export type CampaignUnit =
  /** Open the target (each worker once, before the clock starts). */
  | { kind: "open" }
  /** Close this worker's target (at the end; a worker with none does nothing). */
  | { kind: "close" }
  /** Chunk `chunk` of property `index` of the plan (runner.ts chunkSeed). */
  | {
      kind: "chunk";
      index: number;
      helper: string;
      property: string;
      chunk: number;
      timeLimitMs?: number;
    }
  /** Every saved finding and corpus case of `helper` found under `dirs`. */
  | { kind: "saved"; helper: string; dirs: string[] };

export interface UnitTask {
  plan: CampaignPlan;
  unit: CampaignUnit;
}

/** The failing flow's outcomes for the report: an outcome, or what the target threw. */
export interface FailingOutcomes {
  target: Outcome | string;
  reference: Outcome | string;
  referenceName: string;
}

export interface SavedCaseFailure {
  file: string;
  name: string;
  property: string;
  message: string;
  flow: Flow;
  outcomes?: FailingOutcomes;
}

/** How often this worker's program has been started (cmd: targets), and which worker. */
interface Starts {
  starts?: number;
  worker?: number;
}

export type UnitAnswer =
  | ({ kind: "open"; targetName: string } & Starts)
  | ({ kind: "close" } & Starts)
  | ({
      kind: "chunk";
      index: number;
      chunk: number;
      result: PropertyResult;
      outcomes?: FailingOutcomes;
      /** The known differences masked in it (plan.knownDifferences). */
      known?: KnownTally;
      /** What the spec model reached on its flows (spec-coverage.ts). */
      coverage?: CoverageTally;
    } & Starts)
  | ({
      kind: "saved";
      helper: string;
      cases: number;
      failures: SavedCaseFailure[];
      /** Files that could not be read as cases. */
      problems: string[];
      durationMs: number;
      /** The known differences masked in the replay (plan.knownDifferences). */
      known?: KnownTally;
    } & Starts)
  /** The unit could not be checked (its class name and text). */
  | { kind: "error"; name: string; message: string; stack?: string };

/** Slots of the shared Int32Array. */
export const SHARED = {
  /** Set to 1 by the main thread: no new flow may start. */
  stop: 0,
  /** Flows checked so far in property i of the plan: slot firstProperty + i. */
  firstProperty: 1,
} as const;

/** The broadcast channel on which workers announce the child processes they start. */
export const CHILDREN_CHANNEL = (session: string | undefined) =>
  `helperfuzz-children-${session ?? "none"}`;
