import type { Flow } from "../../helpers/core/model.ts";
import type { FlowProperty } from "../core/property.ts";
import { framedExactly, segmentText } from "./sip-text.ts";

/** The universal seqadj rule, held where nf_conntrack_sip records every rewrite: on flows
 * whose every length-changed TCP segment is framed exactly by its messages. A segment whose
 * last message runs past its end is rewritten but not seqadj'd by the kernel (it returns
 * early, measured): the rule does not apply to those flows. */
export function whereSeqadjIsRecorded(rule: FlowProperty): FlowProperty {
  return {
    ...rule,
    description: `${rule.description} (SIP: on flows whose rewritten TCP segments hold whole messages only)`,
    check(flow: Flow, subject) {
      const outcome = subject.target.run(flow);
      const unframed = outcome.segments.some(
        (s, i) =>
          s.verdict === "accept" &&
          s.data.length !== flow.segments[i].data.length &&
          !framedExactly(segmentText(flow.segments[i].data)),
      );
      if (!unframed) rule.check(flow, subject);
    },
  };
}
