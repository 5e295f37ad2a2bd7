// The talk/ntalk helper with the behaviour of the patch-o-matic ip_conntrack_talk +
// ip_nat_talk (Jozsef Kadlecsik, Linux 2.4). There is no kernel to compare with: the
// facts come from that source and its header (docs/talk.md lists them with the lines).
//
// The flow's server port picks the layout: 517 old talk, 518 ntalk/ntalk2 (the module
// registers one helper per port, `talk_help(..., TALK_PORT|NTALK_PORT, mode)`). Only
// answers (reply direction) open pinholes, and only a SUCCESS answer to the connection's
// own request type (config.mode): ANNOUNCE expects the callee's client at the caller's
// daemon (UDP, same talk port), LOOK_UP expects the callee's client at the address the
// answer names (TCP). max_expected 1 without IP_CT_HELPER_F_REUSE_EXPECT: while one
// expectation waits, 2.4's ip_conntrack_expect_related refuses any other (-EPERM) and an
// identical one only refreshes the old (-EEXIST); nothing of a flow ever establishes it,
// so the first expectation is the only one.
//
// Under source NAT (ip_nat_talk, IP_NAT_HELPER_F_ALWAYS) every datagram goes through the
// NAT half as well: requests get ctl_addr (and a non-zero addr) set to the client as the
// server sees it, answers to a waiting expectation have it moved and their addr set to
// match, and any datagram of neither layout is dropped ("Because conntrack does not drop
// packets, checking must be repeated here... return NF_DROP").

import { formatIPv4, parseIPv4 } from "../core/address.ts";
import type { Conntrack, HelperDefinition, PacketResult } from "../core/helper.ts";
import { type Expectation, FlowError } from "../core/model.ts";
import { parseTalkConfig, type TalkConfig } from "./config.ts";
import { messageFields, type ResponseFields, responseFields } from "./datagram.ts";
import { ADDR_IP, ANNOUNCE, LOOK_UP, NTALK_PORT, readPort, SUCCESS, TALK_PORT } from "./layout.ts";
import { rewriteMessage, rewriteResponse } from "./nat.ts";

export type { TalkConfig } from "./config.ts";

/** The one expectation a connection may hold (max_expected 1). */
interface Waiting {
  expectation: Expectation;
  /** exp_talk_info.port: where the NAT half's port search starts. */
  talkInfoPort: number;
  /** ip_conntrack_change_expect has moved it once ("Resent packet" branch from then on). */
  moved: boolean;
}

export interface TalkState {
  /** 517 or 518: the helper's talk_port. */
  talkPort: number;
  /** Whether the module registered a helper on this port at all. */
  registered: boolean;
  waiting: Waiting | null;
  /** tuplehash[REPLY].dst.ip and tuplehash[ORIGINAL].dst.ip as bytes, for the NAT half. */
  seenClientBytes: Uint8Array;
  serverBytes: Uint8Array;
}

/** The helper is IPv4 only (families [4]): conntrack addresses always parse. */
function ipv4Bytes(text: string): Uint8Array {
  return parseIPv4(text) ?? new Uint8Array(4);
}

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });
const DROP: PacketResult = Object.freeze({ verdict: "drop" });

/** ip_conntrack_talk talk_help_response(), ANNOUNCE: `{ ct->tuplehash[dir].tuple.src.ip,
 * {0} }, { ct->tuplehash[dir].tuple.dst.ip, htons(talk_port) }, IPPROTO_UDP` with dir =
 * REPLY: the callee's client (on the callee's host) to the caller's daemon. */
function announceExpectation(conntrack: Conntrack, talkPort: number): Waiting {
  const { reply } = conntrack;
  return {
    expectation: { l4: "udp", src: reply.src, sport: null, dst: reply.dst, dport: talkPort },
    talkInfoPort: talkPort,
    moved: false,
  };
}

/** LOOK_UP: `{ ct->tuplehash[!dir].tuple.src.ip, {0} }, { addr->ta_addr, { addr->ta_port }
 * }, IPPROTO_TCP`: from this connection's client to whatever address the answer names. */
function lookUpExpectation(conntrack: Conntrack, data: Uint8Array, addrAt: number): Waiting {
  const port = readPort(data, addrAt);
  const dst = formatIPv4(data, addrAt + ADDR_IP);
  return {
    expectation: { l4: "tcp", src: conntrack.orig.src, sport: null, dst, dport: port },
    talkInfoPort: port,
    moved: false,
  };
}

/** ip_nat_talk talk_help_response(): the waiting expectation is moved to newip (the
 * caller's daemon as the callee sees it for LOOK_UP, tuplehash[REPLY].dst for ANNOUNCE),
 * keeping exp_talk_info.port; the answer's addr follows. The port loop `for (port =
 * ntohs(ct_talk_info->port); port != 0; port++)` never runs from 0, and an expectation
 * moved once accepts only its own tuple again (ip_conntrack_change_expect "Resent
 * packet"), so both end in `port == 0` → NF_DROP. */
function natAnswer(
  conntrack: Conntrack,
  state: TalkState,
  waiting: Waiting,
  data: Uint8Array,
  response: ResponseFields,
): PacketResult {
  const newIp = response.type === LOOK_UP ? conntrack.orig.dst : conntrack.reply.dst;
  const port = waiting.talkInfoPort;
  if (port === 0) return DROP;
  if (waiting.moved) {
    if (waiting.expectation.dst !== newIp) return DROP;
  } else {
    waiting.expectation = { ...waiting.expectation, dst: newIp, dport: port };
    waiting.moved = true;
  }
  const newIpBytes = response.type === LOOK_UP ? state.serverBytes : state.seenClientBytes;
  const out = rewriteResponse(data, response.addrAt, newIpBytes, port);
  return out === data ? ACCEPT : { verdict: "accept", data: out };
}

export const talkHelper: HelperDefinition<TalkConfig, TalkState> = {
  name: "talk",
  l4: "udp",
  relatedL4: ["udp", "tcp"],
  defaultPort: NTALK_PORT,
  families: [4],
  policy: { maxExpected: 1, timeoutSeconds: 240 },
  parseConfig: parseTalkConfig,

  newState(conntrack: Conntrack, config: TalkConfig): TalkState {
    const talkPort = conntrack.orig.dport;
    if (talkPort !== TALK_PORT && talkPort !== NTALK_PORT) {
      throw new FlowError(
        `talk registers on UDP 517 (talk) and 518 (ntalk) only; the server port is ${talkPort}`,
      );
    }
    const registered = talkPort === TALK_PORT ? config.talk : config.ntalk || config.ntalk2;
    return {
      talkPort,
      registered,
      waiting: null,
      seenClientBytes: ipv4Bytes(conntrack.reply.dst),
      serverBytes: ipv4Bytes(conntrack.orig.dst),
    };
  },

  process(connection, packet) {
    const { conntrack, config, state } = connection;
    if (!state.registered) return ACCEPT;
    const data = packet.data;
    if (packet.dir === "orig") {
      // ip_conntrack_talk: `if (dir == IP_CT_DIR_ORIGINAL) return NF_ACCEPT;`
      if (!conntrack.natted) return ACCEPT;
      const message = messageFields(data, state.talkPort, config);
      if (message === null) return DROP;
      const { seenClientBytes } = state;
      const port = conntrack.reply.dport;
      const out = rewriteMessage(data, message.addrAt, message.ctlAddrAt, seenClientBytes, port);
      return { verdict: "accept", data: out };
    }
    const response = responseFields(data, state.talkPort, config);
    if (response === null) return conntrack.natted ? DROP : ACCEPT;
    const success = response.answer === SUCCESS;
    // `if (!(answer == SUCCESS && type == mode)) return NF_ACCEPT;`, then expect_related,
    // which refuses anything while the one expectation waits.
    const creates = success && response.type === config.modeType && state.waiting === null;
    if (creates) {
      state.waiting =
        response.type === ANNOUNCE
          ? announceExpectation(conntrack, state.talkPort)
          : lookUpExpectation(conntrack, data, response.addrAt);
    }
    let result = ACCEPT;
    const waiting = state.waiting;
    // ip_nat_talk: `if (!(answer == SUCCESS && (type == LOOK_UP || type == ANNOUNCE) &&
    // exp != NULL)) return NF_ACCEPT;`: exp is the waiting expectation, old or new.
    const natActs = success && (response.type === LOOK_UP || response.type === ANNOUNCE);
    if (conntrack.natted && natActs && waiting !== null) {
      result = natAnswer(conntrack, state, waiting, data, response);
    }
    // Recorded as the table ends up holding it: the NAT half moves it before any packet
    // can match.
    if (creates && waiting !== null) connection.expectations.expect(waiting.expectation);
    return result;
  },
};
