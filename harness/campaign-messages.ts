// The boundary between the main thread and the campaign worker (campaign-thread.ts starts
// it, campaign-worker.ts runs it): a CampaignPlan goes in; these messages come out, in
// order, on one port; a small shared array says live what the worker is doing and tells it
// to stop.

import type { CampaignEntry } from "./campaign.ts";
import type { ChildChange } from "./child-processes.ts";

export type CampaignMessage =
  /** Property `index` of the plan has started. */
  | { kind: "property"; index: number; label: string; total: number }
  /** Flows checked so far in the current property (sent a few times a second at most). */
  | { kind: "progress"; runs: number }
  /** Property `index` is done; its finding, if any, is already on disk. */
  | { kind: "result"; index: number; entry: CampaignEntry }
  /** A child process started or ended in the worker: the main thread owns their ending. */
  | { kind: "child"; change: ChildChange }
  /** The campaign is over; how often a cmd: target's program was started. */
  | { kind: "done"; targetStarts?: number }
  /** The campaign could not run or ended with an error (its class name and text). */
  | { kind: "error"; name: string; message: string; stack?: string };

/** Slots of the shared Int32Array. */
export const SHARED = {
  /** Set to 1 by the main thread: no new flow may start. */
  stop: 0,
  /** The plan index of the property being checked (-1 before the first). */
  index: 1,
  /** Flows checked in it so far. */
  runs: 2,
  length: 3,
} as const;
