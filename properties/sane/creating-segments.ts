// Which segment created each expectation: the target run on every prefix of the flow (seqs
// pinned, so each prefix runs exactly as within the whole flow); a segment created the
// expectations that its prefix has and the one before it has not.

import type { Flow } from "../../helpers/core/model.ts";
import { inputSeqs } from "../core/input-seqs.ts";
import type { SyncTarget } from "../core/property.ts";

/** One segment index per expectation of the whole flow, in creation order. */
export function creatingSegments(target: SyncTarget, flow: Flow): number[] {
  const total = target.run(flow).expectations.length;
  if (total === 0) return [];
  const seqs = inputSeqs(flow);
  const pinned = flow.segments.map((s, i) => ({ ...s, seq: seqs[i] }));
  const creators: number[] = [];
  let before = 0;
  for (let i = 0; i < pinned.length && creators.length < total; i++) {
    const upTo = target.run({ ...flow, segments: pinned.slice(0, i + 1) }).expectations.length;
    for (let n = before; n < upTo; n++) creators.push(i);
    before = upTo;
  }
  return creators;
}
