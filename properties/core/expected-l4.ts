// well-formed-outcome checks every expectation's l4 against the helper's own. A helper whose
// related connections use another protocol than its control connection (Amanda: TCP data
// streams announced over UDP) runs that property against the l4 it expects instead.

import type { L4 } from "../../helpers/core/model.ts";
import type { FlowProperty } from "./property.ts";

export function withExpectedL4(property: FlowProperty, l4: L4): FlowProperty {
  return {
    ...property,
    check: (flow, subject) =>
      property.check(flow, { ...subject, helper: { ...subject.helper, l4 } }),
  };
}
