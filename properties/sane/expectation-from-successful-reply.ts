// SANE's second security property: a pinhole is opened only by a server segment that is a
// successful SANE_NET_START reply, on the port it announces. Such a segment has at least
// 8 bytes, status 0 (SANE_STATUS_GOOD) and a zero "zero" field, and the port is the
// big-endian 16 bits at bytes 6–7; one segment opens at most one pinhole.

import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { bytesText, expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";
import { creatingSegments } from "./creating-segments.ts";
import { replyHead } from "./reply-fields.ts";

export function expectationFromSuccessfulReply(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "expectation-from-successful-reply",
    description:
      "Each expectation is created by its own server segment of 8+ bytes with status 0 and zero field 0, on the big-endian port at bytes 6-7.",
    arbitrary: flows,
    check(flow, { target }) {
      const { expectations } = target.run(flow);
      creatingSegments(target, flow).forEach((index, i, all) => {
        const segment = flow.segments[index];
        const e = expectations[i];
        const where = `expectation #${i} ${expectationText(e)} came from segment #${index} (${segment.dir}) "${bytesText(segment.data)}"`;
        if (segment.dir !== "reply") throw new Error(`${where}: not a server segment`);
        const head = replyHead(segment.data);
        if (head === null) throw new Error(`${where}: shorter than 8 bytes`);
        if (head.status !== 0) throw new Error(`${where}: status ${head.status} is not success`);
        if (head.zero !== 0) throw new Error(`${where}: zero field is ${head.zero}`);
        if (head.port !== e.dport)
          throw new Error(`${where}: the reply announces port ${head.port}`);
        if (all[i - 1] === index)
          throw new Error(`${where}: a second expectation from one segment`);
      });
    },
  };
}
