import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";

/** The kernel reads SIP messages only from the start of a segment (TCP: then each framed
 * by its Content-Length; UDP: the datagram): a message that starts mid-segment is never
 * seen, which is what NAT Slipstreaming had to work around by aligning its REGISTER. */
export function midSegmentNeverExpects(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "mid-segment-never-expects",
    description:
      "A SIP message that does not start its TCP segment or datagram (other bytes come first on its line) never creates an expectation.",
    arbitrary: flows,
    check(flow, { target }) {
      const created = target.run(flow).expectations;
      if (created.length > 0) {
        throw new Error(
          `no segment starts with a SIP message, yet ${created.length} expectation(s) were created: ${created.map(expectationText).join("; ")}`,
        );
      }
    },
  };
}
