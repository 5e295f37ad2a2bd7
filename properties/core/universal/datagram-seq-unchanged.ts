// The UDP counterpart of sequence-adjustment-consistent: datagrams have no sequence space to
// adjust, so a NAT rewrite that changes a payload's length shifts nothing; every segment
// keeps its input seq (the model's stream offset).

import type fc from "fast-check";
import type { Flow } from "../../../helpers/core/model.ts";
import { inputSeqs } from "../input-seqs.ts";
import type { FlowProperty } from "../property.ts";

export function datagramSeqUnchanged(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "datagram-seq-unchanged",
    description:
      "On UDP every segment is forwarded at its input seq: no rewrite shifts a datagram.",
    arbitrary: flows,
    check(flow, { target }) {
      const outcome = target.run(flow);
      const seqs = inputSeqs(flow);
      outcome.segments.forEach((s, i) => {
        if (s.seq !== seqs[i]) {
          throw new Error(
            `segment #${i} (${flow.segments[i].dir}) forwarded at seq ${s.seq}, its input seq is ${seqs[i]}`,
          );
        }
      });
    },
  };
}
