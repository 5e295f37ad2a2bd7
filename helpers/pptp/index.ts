// The PPTP helper with the behaviour of Linux 6.18 nf_conntrack_pptp and nf_nat_pptp:
// TCP 1723, IPv4 only. The first control message of a segment (messages.ts) drives one
// session state and one call state per connection; ORIGINAL is the PNS (pptp_outbound_pkt),
// REPLY the PAC (pptp_inbound_pkt). A message out of state changes nothing and is
// accepted. An Outgoing-Call-Reply "connected" or an Incoming-Call-Connected expects the two
// GRE directions keyed by the call ids (exp_gre); Call-Disconnect-Notify removes them
// (gre_pptp_destroy_siblings). Under NAT the PNS's call id becomes the client's TCP port
// toward the PAC and is put back toward the PNS (nat.ts). Nothing is ever dropped: the
// kernel ignores exp_gre's failures, and a 2-byte rewrite never fails.

import type {
  ConnectionContext,
  Conntrack,
  HelperDefinition,
  PacketResult,
} from "../core/helper.ts";
import type { Expectation } from "../core/model.ts";
import { type PptpConfig, parsePptpConfig } from "./config.ts";
import { bodyU8, bodyU16, controlMessageType, MSG, PPTP_PORT, withBodyU16 } from "./messages.ts";
import { inboundPeerCallIdOffset, outboundCallIdOffset } from "./nat.ts";

export type { PptpConfig } from "./config.ts";

/** enum pptp_ctrlsess_state */
export const SESSION = { NONE: 0, ERROR: 1, STOPREQ: 2, REQUESTED: 3, CONFIRMED: 4 } as const;
/** enum pptp_ctrlcall_state */
export const CALL = {
  NONE: 0,
  ERROR: 1,
  OUT_REQ: 2,
  OUT_CONF: 3,
  IN_REQ: 4,
  IN_REP: 5,
  IN_CONF: 6,
  CLEAR_REQ: 7,
} as const;

const START_OK = 1;
const STOP_OK = 1;
const OUTCALL_CONNECT = 1;
const INCALL_ACCEPT = 1;

export interface PptpState {
  sstate: number;
  cstate: number;
  /** nf_ct_pptp_master's call ids (under NAT: pns = the id the PAC sees). */
  pacCallId: number;
  pnsCallId: number;
  /** nf_nat_pptp's saved ids (the PNS's own id, the PAC's id at exp_gre). */
  natPnsCallId: number;
  natPacCallId: number;
  /** The GRE keymap's destination keys (orig, reply) once exp_gre added it. */
  keymap: { orig: number; reply: number } | null;
}

type Context = ConnectionContext<PptpConfig, PptpState>;

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });

function same(a: Expectation, b: Expectation): boolean {
  return (
    a.l4 === b.l4 &&
    a.src === b.src &&
    a.sport === b.sport &&
    a.dst === b.dst &&
    a.dport === b.dport
  );
}

function unexpect(connection: Context, expectation: Expectation): void {
  connection.expectations.remove((e) => same(e, expectation), 1);
}

/** exp_gre(ct, callid, peer_callid) with nf_nat_pptp's pptp_exp_gre under NAT. */
function expectGre(connection: Context, callId: number, peerCallId: number): void {
  const { conntrack, state } = connection;
  const orig: Expectation = {
    l4: "gre",
    src: conntrack.orig.src,
    sport: peerCallId,
    dst: conntrack.orig.dst,
    dport: callId,
  };
  const reply: Expectation = {
    l4: "gre",
    src: conntrack.reply.src,
    sport: callId,
    dst: conntrack.reply.dst,
    dport: peerCallId,
  };
  if (conntrack.natted) {
    state.natPacCallId = state.pacCallId;
    orig.sport = state.natPnsCallId;
    orig.dport = state.pacCallId;
    reply.sport = state.natPacCallId;
    reply.dport = state.pnsCallId;
  }
  if (connection.expectations.expect(orig) !== "ok") return;
  if (connection.expectations.expect(reply) !== "ok") {
    unexpect(connection, orig);
    return;
  }
  // nf_ct_gre_keymap_add, once per direction: a new pair is added; the same destination
  // keys again are a duplicate (fine); other keys while one is held fail, and both
  // expectations go. When ORIGINAL was the duplicate and REPLY fails, exp_gre first
  // destroys the keymap (both directions), so the next call adds a new one.
  if (state.keymap === null) {
    state.keymap = { orig: orig.dport, reply: reply.dport };
  } else if (state.keymap.orig !== orig.dport || state.keymap.reply !== reply.dport) {
    if (state.keymap.orig === orig.dport) state.keymap = null;
    unexpect(connection, reply);
    unexpect(connection, orig);
  }
}

/** gre_pptp_destroy_siblings: drop the keymap, then the expectation of each direction
 * keyed by the conntrack's current call ids (no GRE conntrack exists within a flow). */
function destroySiblings(connection: Context): void {
  const { conntrack, state } = connection;
  state.keymap = null;
  unexpect(connection, {
    l4: "gre",
    src: conntrack.orig.src,
    sport: state.pnsCallId,
    dst: conntrack.orig.dst,
    dport: state.pacCallId,
  });
  unexpect(connection, {
    l4: "gre",
    src: conntrack.reply.src,
    sport: state.pacCallId,
    dst: conntrack.reply.dst,
    dport: state.pnsCallId,
  });
}

/** pptp_outbound_pkt: true when the message was in state (the NAT half then runs). */
function outbound(connection: Context, type: number, data: Uint8Array): boolean {
  const state = connection.state;
  switch (type) {
    case MSG.START_SESSION_REQUEST:
      if (state.sstate !== SESSION.NONE) return false;
      state.sstate = SESSION.REQUESTED;
      return true;
    case MSG.STOP_SESSION_REQUEST:
      state.sstate = SESSION.STOPREQ;
      return true;
    case MSG.OUT_CALL_REQUEST:
      if (state.sstate !== SESSION.CONFIRMED) return false;
      state.cstate = CALL.OUT_REQ;
      state.pnsCallId = bodyU16(data, 0);
      return true;
    case MSG.IN_CALL_REPLY: {
      if (state.cstate !== CALL.IN_REQ && state.cstate !== CALL.IN_REP) return false;
      if (state.pacCallId !== bodyU16(data, 2)) return false;
      if (bodyU8(data, 4) === INCALL_ACCEPT) {
        state.cstate = CALL.IN_REP;
        state.pnsCallId = bodyU16(data, 0);
      } else {
        state.cstate = CALL.NONE;
      }
      return true;
    }
    case MSG.CALL_CLEAR_REQUEST:
      if (state.sstate !== SESSION.CONFIRMED) return false;
      state.cstate = CALL.CLEAR_REQ;
      return true;
    case MSG.SET_LINK_INFO:
    case MSG.ECHO_REQUEST:
    case MSG.ECHO_REPLY:
      return true;
    default:
      return false;
  }
}

/** pptp_inbound_pkt: true when the message was in state. */
function inbound(connection: Context, type: number, data: Uint8Array): boolean {
  const state = connection.state;
  switch (type) {
    case MSG.START_SESSION_REPLY:
      if (state.sstate < SESSION.REQUESTED) return false;
      state.sstate = bodyU8(data, 2) === START_OK ? SESSION.CONFIRMED : SESSION.ERROR;
      return true;
    case MSG.STOP_SESSION_REPLY:
      if (state.sstate > SESSION.STOPREQ) return false;
      state.sstate = bodyU8(data, 0) === STOP_OK ? SESSION.NONE : SESSION.ERROR;
      return true;
    case MSG.OUT_CALL_REPLY: {
      if (state.sstate !== SESSION.CONFIRMED) return false;
      if (state.cstate !== CALL.OUT_REQ && state.cstate !== CALL.OUT_CONF) return false;
      const callId = bodyU16(data, 0);
      const peerCallId = bodyU16(data, 2);
      if (state.pnsCallId !== peerCallId) return false;
      if (bodyU8(data, 4) === OUTCALL_CONNECT) {
        state.cstate = CALL.OUT_CONF;
        state.pacCallId = callId;
        expectGre(connection, callId, peerCallId);
      } else {
        state.cstate = CALL.NONE;
      }
      return true;
    }
    case MSG.IN_CALL_REQUEST:
      if (state.sstate !== SESSION.CONFIRMED) return false;
      state.cstate = CALL.IN_REQ;
      state.pacCallId = bodyU16(data, 0);
      return true;
    case MSG.IN_CALL_CONNECT: {
      if (state.sstate !== SESSION.CONFIRMED) return false;
      if (state.cstate !== CALL.IN_REP && state.cstate !== CALL.IN_CONF) return false;
      const peerCallId = bodyU16(data, 0);
      if (state.pnsCallId !== peerCallId) return false;
      state.cstate = CALL.IN_CONF;
      expectGre(connection, state.pacCallId, peerCallId);
      return true;
    }
    case MSG.CALL_DISCONNECT_NOTIFY:
      state.cstate = CALL.NONE;
      destroySiblings(connection);
      return true;
    case MSG.WAN_ERROR_NOTIFY:
    case MSG.SET_LINK_INFO:
    case MSG.ECHO_REQUEST:
    case MSG.ECHO_REPLY:
      return true;
    default:
      return false;
  }
}

/** nf_nat_pptp's outbound hook: the new PNS call id of a rewritten message, or null. */
function natOutbound(connection: Context, type: number, data: Uint8Array): Uint8Array | null {
  const offset = outboundCallIdOffset(type);
  if (offset === null) return null;
  const state = connection.state;
  if (type === MSG.OUT_CALL_REQUEST) {
    // Keep the PNS's own id; the PAC is told the client's TCP port as seen after NAT.
    state.natPnsCallId = state.pnsCallId;
    state.pnsCallId = connection.conntrack.reply.dport;
  }
  return withBodyU16(data, offset, state.pnsCallId);
}

function natInbound(connection: Context, type: number, data: Uint8Array): Uint8Array | null {
  const offset = inboundPeerCallIdOffset(type);
  if (offset === null) return null;
  return withBodyU16(data, offset, connection.state.natPnsCallId);
}

export const pptpHelper: HelperDefinition<PptpConfig, PptpState> = {
  name: "pptp",
  l4: "tcp",
  relatedL4: "gre",
  defaultPort: PPTP_PORT,
  families: [4],
  policy: { maxExpected: 2, timeoutSeconds: 300 },
  parseConfig: parsePptpConfig,

  newState(_conntrack: Conntrack): PptpState {
    return {
      sstate: SESSION.NONE,
      cstate: CALL.NONE,
      pacCallId: 0,
      pnsCallId: 0,
      natPnsCallId: 0,
      natPacCallId: 0,
      keymap: null,
    };
  },

  process(connection, packet) {
    const data = packet.data;
    const type = controlMessageType(data);
    if (type === null) return ACCEPT;
    if (packet.dir === "orig") {
      if (!outbound(connection, type, data) || !connection.conntrack.natted) return ACCEPT;
      const rewritten = natOutbound(connection, type, data);
      return rewritten ? { verdict: "accept", data: rewritten } : ACCEPT;
    }
    if (!inbound(connection, type, data) || !connection.conntrack.natted) return ACCEPT;
    const rewritten = natInbound(connection, type, data);
    return rewritten ? { verdict: "accept", data: rewritten } : ACCEPT;
  },
};
