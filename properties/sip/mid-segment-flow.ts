import fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { withSegments } from "../core/flow-skeleton.ts";
import { messageLine } from "./sip-dialogue.ts";
import { sipRequest } from "./sip-request.ts";
import { sipResponse } from "./sip-response.ts";
import { sipSkeleton } from "./sip-skeleton.ts";

/** Text before a message on its line: starts with 'x' (no method or "SIP/2.0 " begins so)
 * and has no line end, so the message does not start its segment or datagram. */
export function junkPrefix(): fc.Arbitrary<string> {
  return fc.stringMatching(/^x[a-z0-9 /=;.:-]{0,30}$/);
}

/** Each segment (TCP) or datagram (UDP) is junk + one whole message with an exact
 * Content-Length: no message starts a segment, and none starts after another inside one. */
export function midSegmentFlow(): fc.Arbitrary<Flow> {
  const exact = (m: { contentLength: unknown; terminated: boolean }) => ({
    ...m,
    contentLength: { kind: "exact" as const },
    terminated: true,
  });
  const message = fc.tuple(
    fc.constantFrom<"orig" | "reply">("orig", "orig", "reply"),
    fc.oneof({ weight: 3, arbitrary: sipRequest() }, sipResponse()),
    junkPrefix(),
  );
  return fc
    .tuple(
      sipSkeleton({ config: fc.constant(undefined) }),
      fc.array(message, { minLength: 1, maxLength: 4 }),
    )
    .map(([skeleton, messages]) =>
      withSegments(
        skeleton,
        messages.map(([dir, m, junk]) => {
          const line = messageLine(dir, exact(m) as typeof m);
          return { dir, data: Uint8Array.from([...asciiBytes(junk), ...line.render(skeleton)]) };
        }),
      ),
    );
}
