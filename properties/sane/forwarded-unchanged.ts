// SANE's fourth property: the kernel has no NAT helper for SANE, and within one flow an
// expectation insertion never fails (one master, one destination, max_expected 1: the new
// one replaces or evicts the old). So every segment is accepted and forwarded byte for
// byte at its input seq, under source NAT too.

import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { inputSeqs } from "../core/input-seqs.ts";
import { bytesText, sameBytes } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";

export function forwardedUnchanged(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "forwarded-unchanged",
    description:
      "Every segment is accepted and forwarded unchanged at its input seq, with or without source NAT.",
    arbitrary: flows,
    check(flow, { target }) {
      const seqs = inputSeqs(flow);
      target.run(flow).segments.forEach((s, i) => {
        const input = flow.segments[i];
        if (!input) return;
        const what = `segment #${i} (${input.dir}) "${bytesText(input.data)}"${flow.nat ? " under NAT" : ""}`;
        if (s.verdict !== "accept") throw new Error(`${what} was dropped`);
        if (!sameBytes(s.data, input.data))
          throw new Error(`${what} forwarded as "${bytesText(s.data)}"`);
        if (s.seq !== seqs[i])
          throw new Error(`${what} forwarded at seq ${s.seq}, its input seq is ${seqs[i]}`);
      });
    },
  };
}
