// SANE's third security property: a successful-looking reply opens a pinhole only when it
// answers SANE_NET_START. The kernel remembers one thing per connection: the last client
// segment of exactly 8 bytes was a START, and no server segment with payload has come
// since (the first one ends the wait, whatever it says). Segments of other lengths and
// empty ones leave that memory alone; a START split or sent with the next request is not
// 8 bytes.

import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { bytesText, expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";
import { creatingSegments } from "./creating-segments.ts";
import { isStartRequest } from "./reply-fields.ts";

/** Why segment `index` cannot answer a START; undefined when it can. */
export function notAnsweringStart(flow: Flow, index: number): string | undefined {
  const { segments } = flow;
  let request = index - 1;
  while (
    request >= 0 &&
    (segments[request].dir !== "orig" || segments[request].data.length !== 8)
  ) {
    request--;
  }
  if (request < 0) return "no 8-byte SANE_NET_START came before it";
  const shown = (i: number) => `#${i} "${bytesText(segments[i].data)}"`;
  if (!isStartRequest(segments[request].data)) {
    return `the last 8-byte client segment, ${shown(request)}, is not SANE_NET_START`;
  }
  for (let i = request + 1; i < index; i++) {
    if (segments[i].dir === "reply" && segments[i].data.length > 0) {
      return `server segment ${shown(i)} came after the SANE_NET_START ${shown(request)}`;
    }
  }
  return undefined;
}

export function expectationAnswersStart(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "expectation-answers-start",
    description:
      "An expectation is created only by the first server segment with payload after an 8-byte SANE_NET_START that no other 8-byte client segment followed.",
    arbitrary: flows,
    check(flow, { target }) {
      const { expectations } = target.run(flow);
      creatingSegments(target, flow).forEach((index, i) => {
        const why = notAnsweringStart(flow, index);
        if (why !== undefined) {
          throw new Error(
            `expectation #${i} ${expectationText(expectations[i])} came from segment #${index}, but ${why}`,
          );
        }
      });
    },
  };
}
