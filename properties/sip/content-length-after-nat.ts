import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import type { FlowProperty } from "../core/property.ts";
import { lengthAndBody, segmentText } from "./sip-text.ts";

/** One whole message in the segment (one blank line, CRLF or bare LF as the kernel reads
 * it; one SIP version that is not a Via's; one v= line; one Content-Length), its
 * Content-Length equal to its SDP body. A datagram holding a second message is two: the
 * kernel writes the length from the first v= to the end into the first Content-Length
 * (measured, corpus k11). */
function wellFramed(text: string): boolean {
  const m = lengthAndBody(text);
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  return (
    m !== null &&
    m.length === m.body.length &&
    m.body.startsWith("v=") &&
    count(/\r?\n\r?\n/g) === 1 &&
    count(/SIP\/\d+\.\d+(?!\/)/gi) === 1 &&
    count(/[\r\n][vV]=/g) === 1 &&
    count(/^(content-length|l)[ \t]*:/gim) === 1
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
