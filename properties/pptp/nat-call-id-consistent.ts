// PPTP's NAT property: under source NAT the PNS's call id is replaced toward the PAC
// (nf_nat_pptp: by the PNS's TCP port as the PAC sees it) and put back toward the PNS, and
// the GRE pinholes use the ids each side really uses. Checked on each PAC segment that
// opened pinholes:
// - the id the PNS is given back in it is the one the PNS itself sent in the
//   Outgoing-Call-Request the PAC answers (the request forwarded with the id the PAC
//   names);
// - the PAC→PNS pinhole carries the id the PAC named (what its GRE packets will carry),
//   the PNS→PAC one comes from the id the PNS was given back; both use the same PAC id
//   (the Outgoing-Call-Reply's own call id).
// A rewrite changes only a call id field: the PNS's id in a PNS message, the peer's id in
// a PAC message.

import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { bytesText, expectationText, sameBytes } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";
import { rewrittenSpan } from "../core/universal/bytes-outside-rewrite-unchanged.ts";
import { creations } from "./creating-segments.ts";
import { sessionStates } from "./no-pinhole-out-of-state.ts";
import {
  AT,
  callIdOf,
  HEADERS,
  type MessageName,
  peerCallIdOf,
  readFirst,
  u16,
  wholeMessage,
} from "./pptp-wire.ts";

/** Where a call id field sits in the segment (from its start), for a message of that name
 * sent in that direction; undefined when it has none. */
function idField(name: MessageName, dir: "orig" | "reply"): number | undefined {
  const table = (dir === "orig" ? AT.callId : AT.peerCallId) as Partial<
    Record<MessageName, number>
  >;
  // A PAC's Call-Disconnect-Notify has only its own call id: the kernel writes over it.
  const at = dir === "reply" && name === "CDN" ? AT.callId.CDN : table[name];
  return at === undefined ? undefined : HEADERS + at;
}

export function natCallIdConsistent(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "nat-call-id-consistent",
    description:
      "Under source NAT only call id fields are rewritten; the PNS is given back the call id it sent, and the GRE expectations use the ids each side sees.",
    arbitrary: flows,
    check(flow, { target }) {
      if (flow.nat === undefined || flow.nat.client.addr === flow.client.addr) return;
      const outcome = target.run(flow);
      const forwarded = outcome.segments.map((s, i) =>
        s.verdict === "accept" ? s.data : flow.segments[i].data,
      );
      flow.segments.forEach((segment, i) => {
        if (sameBytes(segment.data, forwarded[i])) return;
        const m = readFirst(segment.data);
        const at = m === null ? undefined : idField(m.name, segment.dir);
        const span = rewrittenSpan(segment.data, forwarded[i]);
        if (
          at === undefined ||
          span.start < at ||
          span.inputEnd > at + 2 ||
          span.outputEnd > at + 2
        ) {
          throw new Error(
            `segment #${i} (${segment.dir}) "${bytesText(segment.data, 40)}" rewritten outside a call id field: "${bytesText(forwarded[i], 40)}"`,
          );
        }
      });
      for (const { segment: k, expectations } of creations(target, flow)) {
        const m = readFirst(flow.segments[k].data);
        if (m === null) continue; // gre-pinhole-only-after-connected's finding
        const where = `segment #${k} "${bytesText(flow.segments[k].data, 40)}" under NAT`;
        const named = peerCallIdOf(m);
        const out = readFirst(forwarded[k]);
        const given = out === null ? undefined : peerCallIdOf(out);
        if (named === undefined || given === undefined) continue;
        if (m.name === "OCRP") {
          const request = requestAnswered(flow, forwarded, k, named);
          if (request !== undefined && given !== request.sent) {
            throw new Error(
              `${where}: the PAC names call id ${named}, the PNS sent ${request.sent} in segment #${request.index}, but it is restored to ${given}`,
            );
          }
        }
        const fromPns = expectations.find((e) => e.expectation.src === flow.client.addr);
        const fromPac = expectations.find((e) => e.expectation.src === flow.server.addr);
        const shown = (e: { index: number; expectation: Parameters<typeof expectationText>[0] }) =>
          `expectation #${e.index} ${expectationText(e.expectation)}`;
        if (fromPac && fromPac.expectation.dport !== named) {
          throw new Error(
            `${where}: ${shown(fromPac)} is not keyed ${named}, the id the PAC named`,
          );
        }
        if (fromPns && fromPns.expectation.sport !== given) {
          throw new Error(
            `${where}: ${shown(fromPns)} does not come from ${given}, the id the PNS was given`,
          );
        }
        if (fromPns && fromPac && fromPns.expectation.dport !== fromPac.expectation.sport) {
          throw new Error(
            `${where}: ${shown(fromPns)} and ${shown(fromPac)} disagree on the PAC's id`,
          );
        }
        const pacId = m.name === "OCRP" ? callIdOf(m) : undefined;
        if (pacId !== undefined && fromPac && fromPac.expectation.sport !== pacId) {
          throw new Error(`${where}: ${shown(fromPac)} is not from ${pacId}, the PAC's call id`);
        }
      }
    },
  };
}

/** The Outgoing-Call-Request an Outgoing-Call-Reply naming `id` answers: the last PNS
 * request while the session was established (the helper reads no other) forwarded with
 * call id `id`, and the id the PNS had written in it. */
function requestAnswered(
  flow: Flow,
  forwarded: Uint8Array[],
  before: number,
  id: number,
): { index: number; sent: number } | undefined {
  const states = sessionStates(flow);
  for (let j = before - 1; j >= 0; j--) {
    if (flow.segments[j].dir !== "orig" || states[j] !== "established") continue;
    const input = wholeMessage(flow.segments[j].data, "OCRQ");
    const output = wholeMessage(forwarded[j], "OCRQ");
    if (input === null || output === null) continue;
    // A later request replaces the call the helper waits for.
    if (callIdOf(output) !== id) return undefined;
    return { index: j, sent: u16(input.bytes, HEADERS + AT.callId.OCRQ) };
  }
  return undefined;
}
