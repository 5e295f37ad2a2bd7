import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { checkedTrace, noTraceReason } from "../core/live-sets.ts";
import { expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";

/** The class limits the outcome can show without class labels: on a TCP connection every
 * TCP expectation is signalling (media is UDP), so at most 1 is live; media pairs at most
 * 4 + 4 + 2 live UDP expectations beside it. */
export function signallingLiveAtMostOne(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "signalling-live-at-most-one",
    description:
      "On SIP over TCP at most one TCP (signalling) expectation is live after any segment, and at most 10 UDP ones (audio 4, video 4, image 2).",
    arbitrary: flows.filter((f) => f.l4 === "tcp"),
    skipReason: ({ target }) => noTraceReason(target),
    check(flow, { target }) {
      if (!target.trace || flow.l4 !== "tcp") return;
      checkedTrace(target, flow).liveAfter.forEach((live, i) => {
        const tcp = live.filter((e) => e.l4 === "tcp");
        const udp = live.filter((e) => e.l4 === "udp");
        if (tcp.length > 1 || udp.length > 10) {
          throw new Error(
            `after segment #${i} ${tcp.length} signalling and ${udp.length} media expectations are live (limits 1 and 10): ${live.map(expectationText).join("; ")}`,
          );
        }
      });
    },
  };
}
