import fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { withSegments } from "../core/flow-skeleton.ts";
import { messageLine } from "./sip-dialogue.ts";
import { sipRequest } from "./sip-request.ts";
import { sipSkeleton } from "./sip-skeleton.ts";

/** The NAT Slipstreaming shapes over TCP: an HTTP POST whose body carries a REGISTER (or an
 * INVITE with SDP), padded so the SIP message starts a segment (v1), starts mid-segment
 * (misaligned), or follows an HTTP head with Content-Length 0 in the same segment. */
export function slipstreamFlow(): fc.Arbitrary<Flow> {
  const sip = fc.oneof(sipRequest(fc.constant("REGISTER")), sipRequest(fc.constant("INVITE")));
  const shape = fc.constantFrom("aligned", "misaligned", "http-cl0", "aligned-after-two");
  return fc
    .tuple(
      sipSkeleton({ l4: "tcp", config: fc.constant(undefined) }),
      sip,
      shape,
      fc.integer({ min: 0, max: 1400 }),
    )
    .map(([skeleton, message, how, pad]) => {
      const m = { ...message, contentLength: { kind: "exact" as const }, terminated: true };
      const body = messageLine("orig", m).render(skeleton);
      const head = (cl: number) =>
        asciiBytes(
          `POST /samy.pl HTTP/1.1\r\nHost: ${skeleton.server.addr}:5060\r\nContent-Type: text/plain\r\nContent-Length: ${cl}\r\n\r\n`,
        );
      const padding = asciiBytes("A".repeat(pad));
      const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
      const segments =
        how === "aligned"
          ? [cat(head(pad + body.length), padding), body]
          : how === "misaligned"
            ? [cat(head(pad + body.length), padding, body)]
            : how === "http-cl0"
              ? [cat(head(0), body)]
              : [cat(head(pad + body.length)), padding, body];
      return withSegments(
        skeleton,
        segments.map((data) => ({ dir: "orig" as const, data })),
      );
    });
}
