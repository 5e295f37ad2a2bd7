import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import type { FlowProperty } from "../core/property.ts";
import { lengthAndBody, segmentText } from "./sip-text.ts";

/** One whole message in the segment (one blank line, one start line), its Content-Length
 * equal to its SDP body. */
function wellFramed(text: string): boolean {
  const m = lengthAndBody(text);
  return (
    m !== null &&
    m.length === m.body.length &&
    m.body.startsWith("v=") &&
    text.split("\r\n\r\n").length === 2 &&
    (text.match(/^(\S+ \S+ SIP\/2\.0|SIP\/2\.0 )/gim) ?? []).length === 1 &&
    !m.body.includes("SIP/2.0")
  );
}

/** When NAT rewrites an SDP body, nf_nat_sip recomputes Content-Length: a segment that held
 * one well-framed message (Content-Length = its SDP body) still does after the rewrite. */
export function contentLengthAfterNat(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "content-length-after-nat",
    description:
      "Under SNAT a rewritten segment that held one message whose Content-Length equalled its SDP body still does: Content-Length = the rewritten body's length.",
    arbitrary: flows.filter((f) => f.nat !== undefined),
    check(flow, { target }) {
      if (!flow.nat) return;
      target.run(flow).segments.forEach((s, i) => {
        const input = segmentText(flow.segments[i].data);
        if (s.verdict !== "accept" || !wellFramed(input)) return;
        const output = segmentText(s.data);
        if (output === input) return;
        const after = lengthAndBody(output);
        if (!after || after.length !== after.body.length) {
          throw new Error(
            `segment #${i}: after NAT Content-Length is ${after?.length ?? "gone"} but the body is ${after?.body.length ?? "?"} bytes`,
          );
        }
      });
    },
  };
}
