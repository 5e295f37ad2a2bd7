// Masking the known differences of a third-party target (harness/known-differences.ts), so a
// campaign goes past them: per flow, when the target's outcome differs from the reference's
// (the spec model, which agrees with the kernel) and every difference is explained by known
// classes, the reference's outcome is returned instead and the classes are tallied. Anything
// else passes through unchanged, so a new difference is still a finding. A target that throws
// is a difference too (`threw: MESSAGE`: a crash a known class explains is masked); the
// harness's own trouble and a flow the tool cannot run are never masked.

import type { Flow, Outcome } from "../helpers/core/model.ts";
import { FlowError } from "../helpers/core/model.ts";
import { outcomeDifferences } from "../helpers/core/outcome.ts";
import { HarnessError } from "../properties/core/harness-error.ts";
import type { SyncTarget } from "../properties/core/property.ts";
import { knownDifferencesCovering, type MatchableDifference } from "./known-differences.ts";

/** How often one known class was masked, and where it was first seen. */
export interface KnownClassTally {
  /** Flows on which it was masked (each flow once, however often it was run). */
  flows: number;
  /** The same, per property (`saved-cases` for the replay of saved cases). */
  byProperty: Record<string, number>;
  /** The first flow that showed it: its property, its number among the property's flows
   * (from 1), and when (epoch ms). */
  first: { property: string; flow: number; at: number };
}

/** Known classes by id. Plain data: it crosses from a worker to the main thread. */
export type KnownTally = Record<string, KnownClassTally>;

/** `a` with `b` added (the earlier first sighting is kept). */
export function addTally(a: KnownTally, b: KnownTally | undefined): KnownTally {
  if (!b) return a;
  for (const [id, t] of Object.entries(b)) {
    const into = a[id];
    if (!into) {
      a[id] = { flows: t.flows, byProperty: { ...t.byProperty }, first: { ...t.first } };
      continue;
    }
    into.flows += t.flows;
    for (const [property, n] of Object.entries(t.byProperty))
      into.byProperty[property] = (into.byProperty[property] ?? 0) + n;
    if (t.first.at < into.first.at) into.first = { ...t.first };
  }
  return a;
}

/** Where the masked flows are counted: the property being checked and how many of its flows
 * have been checked so far (the current one included). */
export interface MaskContext {
  property: string;
  flowNumber: () => number;
}

const firstLine = (text: string) => text.split("\n")[0];

/** What differs between the target and the reference on this flow, as difference lines
 * (`threw: …` when the target threw); null when they agree. */
function differencesOf(outcome: Outcome | { threw: Error }, reference: Outcome): string[] {
  if ("threw" in outcome) return [`threw: ${firstLine(outcome.threw.message)}`];
  return outcomeDifferences(outcome, reference);
}

export interface MaskedTarget {
  target: SyncTarget;
  /** The tally since the last take (and starts a new one). */
  take(): KnownTally;
  /** Counts the following flows under this context. */
  setContext(context: MaskContext): void;
}

export function maskKnownDifferences(
  target: SyncTarget,
  reference: SyncTarget,
  known: readonly MatchableDifference[],
): MaskedTarget {
  let tally: KnownTally = {};
  let counted = new WeakSet<Flow>();
  let context: MaskContext = { property: "", flowNumber: () => 0 };

  const note = (flow: Flow, ids: string[]) => {
    if (counted.has(flow)) return;
    counted.add(flow);
    for (const id of ids) {
      const first = { property: context.property, flow: context.flowNumber(), at: Date.now() };
      const t = tally[id] ?? { flows: 0, byProperty: {}, first };
      tally[id] = t;
      t.flows++;
      t.byProperty[context.property] = (t.byProperty[context.property] ?? 0) + 1;
    }
  };

  /** The reference's outcome when the classes in `known` explain the difference. */
  const masked = (flow: Flow, outcome: Outcome | { threw: Error }): Outcome | undefined => {
    let expected: Outcome;
    try {
      expected = reference.run(flow);
    } catch {
      return undefined; // no reference outcome: nothing to mask with
    }
    const differences = differencesOf(outcome, expected);
    if (differences.length === 0) return undefined;
    const ids = knownDifferencesCovering(known, flow, differences, expected);
    if (!ids) return undefined;
    note(flow, ids);
    return expected;
  };

  const wrapped: SyncTarget = {
    name: target.name,
    run(flow: Flow): Outcome {
      let outcome: Outcome;
      try {
        outcome = target.run(flow);
      } catch (error) {
        // The harness's trouble and tool input are never a difference of the target.
        if (error instanceof HarnessError || error instanceof FlowError) throw error;
        const threw = error instanceof Error ? error : new Error(String(error));
        const instead = masked(flow, { threw });
        if (instead) return instead;
        throw error;
      }
      return masked(flow, outcome) ?? outcome;
    },
  };
  if (target.notRunnable) wrapped.notRunnable = (flow) => target.notRunnable!(flow);
  if (target.trace) {
    wrapped.trace = (flow) => {
      const trace = target.trace!(flow);
      const instead = masked(flow, trace.outcome);
      return instead && reference.trace ? reference.trace(flow) : trace;
    };
  }
  return {
    target: wrapped,
    take() {
      const taken = tally;
      tally = {};
      counted = new WeakSet();
      return taken;
    },
    setContext(next) {
      context = next;
    },
  };
}
