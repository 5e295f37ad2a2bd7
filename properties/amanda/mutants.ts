// Planted bugs in the Amanda helper: each breaks one Amanda rule. The universal ones come
// from properties/core/generic-mutants.ts.

import type { Flow } from "../../helpers/core/model.ts";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { builtinTarget } from "../core/in-process.ts";
import type { SyncTarget } from "../core/property.ts";
import { tokenDigitRuns } from "./token-digit-runs.ts";

const text = (data: Uint8Array) => String.fromCharCode(...data);

/** Forgets the STATE token (the pre-2016 kernel's token list) in flows that carry one. */
export const forgetsState: SyncTarget = {
  name: "forgets-state",
  run(flow) {
    const outcome = builtinTarget.run(flow);
    const state = flow.segments.some((s) => s.dir === "reply" && text(s.data).includes("STATE "));
    return state && outcome.expectations.length > 0
      ? { ...outcome, expectations: outcome.expectations.slice(0, -1) }
      : outcome;
  },
};

/** Reads the backup server's datagrams as if amandad had sent them. */
export const readsBothDirections: SyncTarget = {
  name: "reads-both-directions",
  run(flow: Flow) {
    const asReplies = flow.segments.map((s) => ({ ...s, dir: "reply" as const }));
    const outcome = builtinTarget.run({ ...flow, segments: asReplies });
    const own = builtinTarget.run(flow);
    return { expectations: outcome.expectations, segments: own.segments };
  },
};

/** Under NAT, writes only the port over a digit run of 6+ digits (dropping the 6th digit
 * and beyond, which the kernel never read and keeps). */
export const rewritesWholeDigitRun: SyncTarget = {
  name: "rewrites-whole-digit-run",
  run(flow) {
    const outcome = builtinTarget.run(flow);
    if (!flow.nat) return outcome;
    const segments = outcome.segments.map((s, i) => {
      if (s.verdict !== "accept" || flow.segments[i].dir !== "reply") return s;
      let rewritten = text(s.data);
      for (const run of tokenDigitRuns(s.data).reverse()) {
        if (run.digits.length <= 5) continue;
        const end = run.start + run.digits.length;
        rewritten = rewritten.slice(0, run.start + 5) + rewritten.slice(end);
      }
      return { ...s, data: asciiBytes(rewritten) };
    });
    return { expectations: outcome.expectations, segments };
  },
};
