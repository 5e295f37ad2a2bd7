// PPTP's first security property: a GRE pinhole is opened only for a call the PAC has
// connected. The creating segment comes from the PAC and starts with a whole
// Outgoing-Call-Reply whose result code is 1 (Connected) answering an Outgoing-Call-Request
// the PAC was sent with that call id, or a whole Incoming-Call-Connected answering an
// Incoming-Call-Reply that accepted (result 1) with that call id. It opens at most the two
// GRE directions, keyed by the call ids: without NAT the PNS→PAC direction carries the
// PAC's id and comes from the PNS's id, the PAC→PNS one the other way round.

import type fc from "fast-check";
import type { Expectation, Flow } from "../../helpers/core/model.ts";
import { bytesText, expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";
import { creations } from "./creating-segments.ts";
import { callIdOf, peerCallIdOf, readFirst, resultOf, wholeMessage } from "./pptp-wire.ts";

/** An earlier PNS segment: a whole `name` whose call id, as forwarded, is `id` (and, for
 * an Incoming-Call-Reply, that accepted). */
function answered(
  flow: Flow,
  forwarded: Uint8Array[],
  before: number,
  name: "OCRQ" | "ICRP",
  id: number,
) {
  for (let j = before - 1; j >= 0; j--) {
    if (flow.segments[j].dir !== "orig") continue;
    const m = wholeMessage(forwarded[j], name);
    if (m === null || callIdOf(m) !== id) continue;
    if (name === "ICRP" && resultOf(m) !== 1) continue;
    return true;
  }
  return false;
}

export function grePinholeOnlyAfterConnected(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "gre-pinhole-only-after-connected",
    description:
      "GRE expectations (at most two per segment, keyed by the call ids) come only from a PAC segment starting with a whole Outgoing-Call-Reply with result 1 answering a sent Outgoing-Call-Request, or an Incoming-Call-Connected answering an accepting Incoming-Call-Reply.",
    arbitrary: flows,
    check(flow, { target }) {
      const outcome = target.run(flow);
      const forwarded = outcome.segments.map((s, i) =>
        s.verdict === "accept" ? s.data : flow.segments[i].data,
      );
      const natted = flow.nat !== undefined && flow.nat.client.addr !== flow.client.addr;
      for (const { segment: k, expectations } of creations(target, flow)) {
        const segment = flow.segments[k];
        const where = `${expectations.map((e) => `expectation #${e.index} ${expectationText(e.expectation)}`).join(", ")} came from segment #${k} (${segment.dir}) "${bytesText(segment.data, 40)}"`;
        if (segment.dir !== "reply") throw new Error(`${where}: not a PAC segment`);
        if (expectations.length > 2) throw new Error(`${where}: more than two from one segment`);
        const bad = expectations.find((e) => e.expectation.l4 !== "gre");
        if (bad) throw new Error(`${where}: #${bad.index} is not GRE`);
        const m = readFirst(segment.data);
        if (m === null || !m.whole) {
          throw new Error(`${where}: it does not start with a whole PPTP control message`);
        }
        const peer = peerCallIdOf(m) ?? -1;
        let callId: number | undefined;
        if (m.name === "OCRP") {
          const result = resultOf(m);
          if (result !== 1) throw new Error(`${where}: result code ${result} is not Connected (1)`);
          if (!answered(flow, forwarded, k, "OCRQ", peer)) {
            throw new Error(`${where}: no Outgoing-Call-Request was sent with call id ${peer}`);
          }
          callId = callIdOf(m);
        } else if (m.name === "ICCN") {
          if (!answered(flow, forwarded, k, "ICRP", peer)) {
            throw new Error(`${where}: no accepting Incoming-Call-Reply had call id ${peer}`);
          }
        } else {
          throw new Error(
            `${where}: a ${m.name}, not an Outgoing-Call-Reply or Incoming-Call-Connected`,
          );
        }
        if (natted) continue; // the ids under NAT: nat-call-id-consistent
        for (const { index, expectation: e } of expectations) {
          const keys = keysOf(e, flow);
          if (keys === null) throw new Error(`${where}: #${index} joins no two endpoints`);
          const [pnsKey, pacKey] = keys;
          if (pnsKey !== peer || (callId !== undefined && pacKey !== callId)) {
            throw new Error(
              `${where}: #${index} is keyed PNS ${pnsKey} / PAC ${pacKey}, the message names PNS ${peer}${callId === undefined ? "" : ` / PAC ${callId}`}`,
            );
          }
        }
      }
    },
  };
}

/** [the PNS's call id, the PAC's call id] of a GRE expectation between the endpoints. */
function keysOf(e: Expectation, flow: Flow): [number | null, number | null] | null {
  if (e.src === flow.client.addr && e.dst === flow.server.addr) return [e.sport, e.dport];
  if (e.src === flow.server.addr && e.dst === flow.client.addr) return [e.dport, e.sport];
  return null;
}
