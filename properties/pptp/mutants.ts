// Planted bugs in the PPTP helper: each breaks one PPTP rule. The universal ones come from
// properties/core/generic-mutants.ts.

import { runFlow } from "../../helpers/core/driver.ts";
import type { HelperDefinition, Packet, PacketResult } from "../../helpers/core/helper.ts";
import {
  CALL,
  type PptpConfig,
  type PptpState,
  pptpHelper,
  SESSION,
} from "../../helpers/pptp/index.ts";
import {
  controlMessageType,
  HEADER_LENGTH,
  MSG,
  withBodyU16,
} from "../../helpers/pptp/messages.ts";
import { inboundPeerCallIdOffset } from "../../helpers/pptp/nat.ts";
import type { SyncTarget } from "../core/property.ts";

type PptpDefinition = HelperDefinition<PptpConfig, PptpState>;

function buggy(name: string, helper: PptpDefinition): SyncTarget {
  return { name, run: (flow) => runFlow(helper, flow) };
}

/** The helper run on patched bytes; what it forwards gets the real bytes back where the
 * patch was (a rewrite elsewhere stays). */
function onPatched(
  packet: Packet,
  patch: (data: Uint8Array) => Uint8Array,
  run: (packet: Packet) => PacketResult,
): PacketResult {
  const patched = patch(packet.data);
  const result = run({ ...packet, data: patched });
  if (result.data === undefined) return result;
  const data = Uint8Array.from(result.data);
  for (let i = 0; i < data.length; i++) {
    if (patched[i] !== packet.data[i] && data[i] === patched[i]) data[i] = packet.data[i];
  }
  return { ...result, data };
}

const isReplyMessage = (packet: Packet, type: number) =>
  packet.dir === "reply" && controlMessageType(packet.data) === type;

/** Takes every Outgoing-Call-Reply for Connected, whatever its result code. */
export const ignoresResultCode = buggy("ignores-result-code", {
  ...pptpHelper,
  process(connection, packet) {
    if (!isReplyMessage(packet, MSG.OUT_CALL_REPLY)) return pptpHelper.process(connection, packet);
    return onPatched(
      packet,
      (d) => {
        const out = Uint8Array.from(d);
        out[HEADER_LENGTH + 4] = 1;
        return out;
      },
      (p) => pptpHelper.process(connection, p),
    );
  },
});

const CALL_MESSAGES: readonly number[] = [
  MSG.OUT_CALL_REQUEST,
  MSG.OUT_CALL_REPLY,
  MSG.IN_CALL_REQUEST,
  MSG.IN_CALL_CONNECT,
  MSG.CALL_CLEAR_REQUEST,
];

/** Skips the session-state check: call messages are read as if the control session were
 * established, whatever it is. */
export const skipsSessionCheck = buggy("skips-session-check", {
  ...pptpHelper,
  process(connection, packet) {
    const type = controlMessageType(packet.data);
    if (type === null || !CALL_MESSAGES.includes(type)) {
      return pptpHelper.process(connection, packet);
    }
    const saved = connection.state.sstate;
    connection.state.sstate = SESSION.CONFIRMED;
    const result = pptpHelper.process(connection, packet);
    connection.state.sstate = saved;
    return result;
  },
});

/** Under NAT, the inbound rewrite writes the NAT'd call id (the one the PAC was told) in
 * place of the PNS's own. */
export const inboundRewriteUsesNatId = buggy("inbound-rewrite-uses-nat-id", {
  ...pptpHelper,
  process(connection, packet) {
    const result = pptpHelper.process(connection, packet);
    if (packet.dir !== "reply" || result.data === undefined) return result;
    const type = controlMessageType(packet.data);
    const offset = type === null ? null : inboundPeerCallIdOffset(type);
    if (offset === null) return result;
    return { ...result, data: withBodyU16(result.data, offset, connection.state.pnsCallId) };
  },
});

/** Never compares an Outgoing-Call-Reply's peer call id with the PNS's: a reply to
 * another call (or none) connects the one waiting. */
export const ignoresPeerCallId = buggy("ignores-peer-call-id", {
  ...pptpHelper,
  process(connection, packet) {
    if (!isReplyMessage(packet, MSG.OUT_CALL_REPLY)) return pptpHelper.process(connection, packet);
    const { state } = connection;
    if (state.cstate !== CALL.OUT_REQ && state.cstate !== CALL.OUT_CONF) {
      return pptpHelper.process(connection, packet);
    }
    return onPatched(
      packet,
      (d) => withBodyU16(d, 2, state.pnsCallId),
      (p) => pptpHelper.process(connection, p),
    );
  },
});
