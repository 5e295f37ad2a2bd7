// Talk's first security property: a pinhole opens only on a SUCCESS answer from the daemon
// to the type the connection's helper acts on (ANNOUNCE on the port's helper, LOOK_UP on
// the connection an ANNOUNCE admitted), in a layout the helper takes — never on a request,
// a failed answer, another type, or anything the client sends — and only once per
// connection (max_expected 1 without reuse: the first one waits, later ones are refused).
// ip_conntrack_talk talk_help_response(): `if (!(answer == SUCCESS && type == mode))`.

import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";
import { openingAnswer } from "./talk-reading.ts";

export function expectationFromOwnAnswer(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "expectation-from-own-answer",
    description:
      "The flow creates one expectation if a daemon answer is a SUCCESS to the helper's own request type (ANNOUNCE or LOOK_UP per config.mode) in a layout the helper takes, and none otherwise.",
    arbitrary: flows,
    check(flow, { target }) {
      const opening = openingAnswer(flow);
      const { expectations } = target.run(flow);
      const wanted = opening === -1 ? 0 : 1;
      if (expectations.length !== wanted) {
        const why =
          opening === -1
            ? "no daemon answer is a SUCCESS to the helper's own type"
            : `segment #${opening} is the first SUCCESS answer to the helper's own type`;
        throw new Error(
          `${why}, yet the flow created ${expectations.length} expectations: ${expectations.map(expectationText).join("; ") || "none"}`,
        );
      }
    },
  };
}
