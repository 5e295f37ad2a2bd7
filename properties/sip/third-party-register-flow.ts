import fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { withSegments } from "../core/flow-skeleton.ts";
import type { AddressRole } from "./sip-address.ts";
import { hostText } from "./sip-address.ts";
import { messageLine } from "./sip-dialogue.ts";
import { sipRequest } from "./sip-request.ts";
import { sipResponse } from "./sip-response.ts";
import { sipSkeleton } from "./sip-skeleton.ts";
import type { SipText } from "./sip-view.ts";

const NOT_THE_SENDER = fc.constantFrom<AddressRole>(
  "receiver",
  "third-party",
  "hostname",
  "other-family",
  "nat",
  "garbage",
);

/** A stand-in for a role's text that came out as the sender's own address: never the
 * sender (whose address can be 192.0.2.98 too). */
function someoneElse(sender: string): string {
  return sender === "192.0.2.98" ? "192.0.2.97" : "192.0.2.98";
}

/** REGISTERs (either direction) whose every Contact names someone other than the sender
 * (a third party, the peer, a hostname, the NAT address, garbage), with Expires 3600, and
 * answers to them: registrations the kernel must never turn into a pinhole. */
export function thirdPartyRegisterFlow(): fc.Arbitrary<Flow> {
  const contacts = fc.array(fc.tuple(NOT_THE_SENDER, fc.constantFrom("", ":5060", ":6000")), {
    minLength: 1,
    maxLength: 3,
  });
  const register = fc
    .tuple(sipRequest(fc.constantFrom("REGISTER", "register")), contacts)
    .map(([m, cs]) => ({
      ...m,
      headers: [
        ...m.headers.filter(
          (h) =>
            !/^(contact|m)\s*:/i.test(
              h({
                dir: "orig",
                family: 4,
                l4: "udp",
                sender: "0.0.0.0",
                senderPort: 1,
                receiver: "0.0.0.0",
                receiverPort: 1,
                client: "0.0.0.0",
                server: "0.0.0.0",
              }),
            ),
        ),
        ...cs.map(
          ([role, port]): SipText =>
            (v) =>
              `Contact: <sip:alice@${hostText(role)(v).replace(v.sender, someoneElse(v.sender))}${port}>;expires=3600`,
        ),
        (): string => "Expires: 3600",
      ],
    }));
  const line = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom<"orig" | "reply">("orig", "orig", "reply"), register),
    },
    // Answers carry no SDP here: only the REGISTERs are under test.
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.constantFrom<"orig" | "reply">("orig", "reply"),
        sipResponse().map((r) => ({ ...r, body: null })),
      ),
    },
  );
  // One message per segment: a datagram is one message to the kernel, so a REGISTER with an
  // answer glued behind it would read the answer's Contact too.
  return fc
    .tuple(
      sipSkeleton({ config: fc.constant(undefined) }),
      fc.array(line, { minLength: 1, maxLength: 4 }),
    )
    .map(([skeleton, ls]) =>
      withSegments(
        skeleton,
        ls.map(([dir, m]) => ({ dir, data: messageLine(dir, m).render(skeleton) })),
      ),
    );
}
