// TFTP's second security property: only a request opens a pinhole. DATA, ACK, ERROR, OACK,
// unknown opcodes and short payloads never do; each RRQ/WRQ datagram, from either side,
// inserts exactly one (a repeated one replaces its twin, which still counts as a creation).

import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";

function isRequest(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0 && (data[1] === 1 || data[1] === 2);
}

export function oneExpectationPerRequest(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "one-expectation-per-request",
    description:
      "The flow creates exactly as many expectations as it carries RRQ/WRQ datagrams (either direction); no other datagram creates one.",
    arbitrary: flows,
    check(flow, { target }) {
      const requests = flow.segments.filter((s) => isRequest(s.data)).length;
      const { expectations } = target.run(flow);
      if (expectations.length !== requests) {
        throw new Error(
          `${requests} RRQ/WRQ datagrams created ${expectations.length} expectations: ${expectations.map(expectationText).join("; ") || "none"}`,
        );
      }
    },
  };
}
