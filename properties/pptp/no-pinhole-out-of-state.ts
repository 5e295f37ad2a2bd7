// PPTP's second security property: no GRE pinhole while the control session is not
// established. The session, read here per segment from its first message as the kernel
// reads it (kernel-helpers.md §10; nf_conntrack_pptp's session states): a PNS
// Start-Control-Connection-Request (only from no session) requests it, a PAC reply to a
// requested or established session establishes it with result 1 and breaks it otherwise,
// a PNS Stop-Control-Connection-Request stops it, and a PAC Stop reply to a stopping,
// broken or absent session ends it (result 1) or breaks it. A call message in any other
// session state changes nothing, so it can never open a pinhole.

import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { bytesText, expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";
import { creations } from "./creating-segments.ts";
import { readFirst, resultOf } from "./pptp-wire.ts";

export type Session = "none" | "broken" | "stopping" | "requested" | "established";

/** The session state before each segment, and after the last one. */
export function sessionStates(flow: Flow): Session[] {
  let state: Session = "none";
  const states: Session[] = [];
  for (const segment of flow.segments) {
    states.push(state);
    const m = readFirst(segment.data);
    if (m === null || !m.whole) continue;
    if (segment.dir === "orig") {
      if (m.name === "SCCRQ" && state === "none") state = "requested";
      else if (m.name === "StopCCRQ") state = "stopping";
    } else if (m.name === "SCCRP" && (state === "requested" || state === "established")) {
      state = resultOf(m) === 1 ? "established" : "broken";
    } else if (
      m.name === "StopCCRP" &&
      (state === "none" || state === "broken" || state === "stopping")
    ) {
      state = resultOf(m) === 1 ? "none" : "broken";
    }
  }
  states.push(state);
  return states;
}

export function noPinholeOutOfState(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "no-pinhole-out-of-state",
    description:
      "An expectation is created only while the control session is established (an SCCRQ answered by an SCCRP with result 1, no Stop-Control-Connection since).",
    arbitrary: flows,
    check(flow, { target }) {
      const states = sessionStates(flow);
      for (const { segment: k, expectations } of creations(target, flow)) {
        if (states[k] === "established") continue;
        const first = expectations[0];
        throw new Error(
          `expectation #${first.index} ${expectationText(first.expectation)} came from segment #${k} (${flow.segments[k].dir}) "${bytesText(flow.segments[k].data, 40)}" while the session was ${states[k]}, not established`,
        );
      }
    },
  };
}
