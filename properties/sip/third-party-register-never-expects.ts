import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";

/** nf_conntrack_sip does not support third-party registrations: a REGISTER whose Contact
 * is not the sender's own address opens nothing (the Slipstreaming v2 pivot to other hosts
 * behind the NAT). */
export function thirdPartyRegisterNeverExpects(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "third-party-register-never-expects",
    description:
      "A REGISTER whose every Contact names someone other than its sender never creates an expectation.",
    arbitrary: flows,
    check(flow, { target }) {
      const created = target.run(flow).expectations;
      if (created.length > 0) {
        throw new Error(
          `REGISTERs for third parties only, yet: ${created.map(expectationText).join("; ")}`,
        );
      }
    },
  };
}
