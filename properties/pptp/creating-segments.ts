// Which segment created each expectation: the target run on every prefix of the flow (seqs
// pinned, so each prefix runs exactly as within the whole flow); a segment created the
// expectations its prefix has and the one before it has not.

import type { Expectation, Flow } from "../../helpers/core/model.ts";
import { inputSeqs } from "../core/input-seqs.ts";
import type { SyncTarget } from "../core/property.ts";

export interface Creation {
  /** The creating segment's index. */
  segment: number;
  /** The expectations it created, in creation order, with their index in the outcome. */
  expectations: { index: number; expectation: Expectation }[];
}

export function creations(target: SyncTarget, flow: Flow): Creation[] {
  const all = target.run(flow).expectations;
  if (all.length === 0) return [];
  const seqs = inputSeqs(flow);
  const pinned = flow.segments.map((s, i) => ({ ...s, seq: seqs[i] }));
  const found: Creation[] = [];
  let before = 0;
  for (let i = 0; i < pinned.length && before < all.length; i++) {
    const upTo = target.run({ ...flow, segments: pinned.slice(0, i + 1) }).expectations.length;
    if (upTo > before) {
      const expectations = [];
      for (let n = before; n < upTo; n++) expectations.push({ index: n, expectation: all[n] });
      found.push({ segment: i, expectations });
    }
    before = upTo;
  }
  return found;
}
