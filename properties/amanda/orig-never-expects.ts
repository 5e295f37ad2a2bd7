// Amanda's first security property: only amandad's datagrams (REPLY) are read. Whatever the
// backup server's side sends, even a CONNECT line, opens nothing and is forwarded as is:
// the flow without its ORIGINAL datagrams creates exactly the same expectations.

import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { inputSeqs } from "../core/input-seqs.ts";
import { bytesText, expectationText, sameBytes } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";

export function replyDatagramsOnly(flow: Flow): Flow {
  const seqs = inputSeqs(flow);
  return {
    ...flow,
    segments: flow.segments
      .map((s, i) => ({ ...s, seq: seqs[i] }))
      .filter((s) => s.dir === "reply"),
  };
}

export function origNeverExpects(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "orig-never-expects",
    description:
      "ORIGINAL-direction datagrams are forwarded unchanged and never create an expectation: removing them leaves the expectations as they were.",
    arbitrary: flows,
    check(flow, { target }) {
      const outcome = target.run(flow);
      outcome.segments.forEach((s, i) => {
        const input = flow.segments[i];
        if (input.dir !== "orig") return;
        if (s.verdict !== "accept" || !sameBytes(s.data, input.data)) {
          throw new Error(
            `orig segment #${i} "${bytesText(input.data)}" was ${s.verdict}ed as "${bytesText(s.data)}"`,
          );
        }
      });
      const all = outcome.expectations.map(expectationText).join("; ");
      const fromReplies = target
        .run(replyDatagramsOnly(flow))
        .expectations.map(expectationText)
        .join("; ");
      if (all !== fromReplies) {
        throw new Error(
          `the orig datagrams changed the expectations: with them [${all}], without them [${fromReplies}]`,
        );
      }
    },
  };
}
