// Spec model vs kernel on generated flows: flows are drawn in chunks (each chunk from its
// own seed, so a run replays exactly), the kernel answers a whole chunk at once
// (pipelined), and every flow's two outcomes are compared field by field.

import fc from "fast-check";
import { type Flow, FlowError, type Outcome } from "../../helpers/core/model.ts";
import { outcomeDifferences } from "../../helpers/core/outcome.ts";
import type { KernelTarget } from "./target.ts";

export interface Disagreement {
  flow: Flow;
  spec: Outcome;
  kernel: Outcome;
  differences: string[];
  /** seed of the chunk and index within it: fc.sample(arbitrary, {seed, numRuns}) [index] */
  seed: number;
  index: number;
}

export interface ClassTally {
  agree: number;
  disagree: number;
}

export interface ConformanceResult {
  helper: string;
  flows: number;
  /** Flows the kernel target cannot run (addresses outside its ranges, loose=true, ...). */
  unsupported: number;
  unsupportedReasons: Map<string, number>;
  classes: Map<string, ClassTally>;
  disagreements: Disagreement[];
  seconds: number;
}

export interface ConformanceOptions {
  helper: string;
  flows: fc.Arbitrary<Flow>;
  spec: (flow: Flow) => Outcome;
  kernel: KernelTarget;
  runs: number;
  timeSeconds?: number;
  seed: number;
  chunk?: number;
  /** Keep at most this many disagreements (the counts stay exact). */
  keep?: number;
}

const text = new TextDecoder("latin1");

/** Behaviour classes a flow belongs to, for the per-class agreement table. */
export function behaviourClasses(flow: Flow, kernel: Outcome): string[] {
  const classes: string[] = [];
  const payload = flow.segments.map((s) => text.decode(s.data).toUpperCase());
  if (payload.some((p) => p.startsWith("PORT") || p.startsWith("EPRT"))) classes.push("active");
  if (payload.some((p) => p.startsWith("227") || p.startsWith("229"))) classes.push("passive");
  if (flow.nat) classes.push("nat");
  if (flow.client.addr.includes(":")) classes.push("ipv6");
  if (kernel.segments.some((s) => s.verdict === "drop")) classes.push("dropped");
  if (flow.segments.some((s) => s.seq !== undefined)) classes.push("explicit-seq");
  if (classes.length === 0) classes.push("other");
  return classes;
}

export async function conform(options: ConformanceOptions): Promise<ConformanceResult> {
  const chunk = options.chunk ?? 1000;
  const keep = options.keep ?? 20;
  const started = performance.now();
  const deadline =
    options.timeSeconds === undefined ? Infinity : started + options.timeSeconds * 1000;
  const result: ConformanceResult = {
    helper: options.helper,
    flows: 0,
    unsupported: 0,
    unsupportedReasons: new Map(),
    classes: new Map(),
    disagreements: [],
    seconds: 0,
  };
  for (let round = 0; result.flows + result.unsupported < options.runs; round++) {
    if (performance.now() > deadline) break;
    const seed = (options.seed + round) | 0;
    const size = Math.min(chunk, options.runs - result.flows - result.unsupported);
    const flows = fc.sample(options.flows, { seed, numRuns: size });
    const answers = await Promise.allSettled(flows.map((flow) => options.kernel.run(flow)));
    answers.forEach((answer, index) => {
      const flow = flows[index];
      if (answer.status === "rejected") {
        if (!(answer.reason instanceof FlowError)) throw answer.reason;
        result.unsupported++;
        const reason = answer.reason.message.replace(/[\d.:a-f]{7,}/g, "<addr>");
        result.unsupportedReasons.set(reason, (result.unsupportedReasons.get(reason) ?? 0) + 1);
        return;
      }
      result.flows++;
      const spec = options.spec(flow);
      const differences = outcomeDifferences(spec, answer.value);
      for (const name of behaviourClasses(flow, answer.value)) {
        const tally = result.classes.get(name) ?? { agree: 0, disagree: 0 };
        if (differences.length === 0) tally.agree++;
        else tally.disagree++;
        result.classes.set(name, tally);
      }
      if (differences.length > 0 && result.disagreements.length < keep) {
        result.disagreements.push({ flow, spec, kernel: answer.value, differences, seed, index });
      }
    });
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
