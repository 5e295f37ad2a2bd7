// The IRC DCC helper with the behaviour of Linux 6.18 nf_conntrack_irc + nf_nat_irc (after
// the 2022 CVE-2022-2663 tightening, before the 2026-05 off-by-one fix).
//
// Every non-empty client→server segment is examined on its own (no sequence tracking):
// its first 4095 bytes must start with PRIVMSG, hold "\x01DCC <type> " right after the first
// " :", and name the client's real or NAT address with a non-zero port. At most one DCC per
// segment; a miss of any kind accepts the segment untouched.

import { addressBytes } from "../core/address.ts";
import type {
  ConnectionContext,
  Conntrack,
  HelperDefinition,
  HelperPolicy,
  Packet,
  PacketResult,
} from "../core/helper.ts";
import { type IrcConfig, parseIrcConfig } from "./config.ts";
import { findDccArguments } from "./find-dcc.ts";
import { privmsgTargetStart } from "./message-start.ts";
import { natIrc } from "./nat.ts";
import { type DccArguments, newDccArguments, parseDcc } from "./parse-dcc.ts";

export type { IrcConfig } from "./config.ts";

export interface IrcState {
  /** tuple[ORIG].src as the u32 a DCC spells it: the client's real address. */
  clientAddress: number;
  /** tuple[REPLY].dst as a u32: the client as the server sees it (its NAT address). */
  seenAddress: number;
  dcc: DccArguments;
}

/** MAX_SEARCH_SIZE: bytes past this are never looked at (the segment still goes through). */
export const MAX_SEARCH_SIZE = 4095;

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });
const DROP: PacketResult = Object.freeze({ verdict: "drop" });

function ipv4Number(address: string): number {
  const b = addressBytes(address);
  return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
}

/** The DCC found in the segment and accepted by the forgery check, or null. */
function findDcc(state: IrcState, data: Uint8Array): DccArguments | null {
  const limit = Math.min(data.length, MAX_SEARCH_SIZE);
  const target = privmsgTargetStart(data, limit);
  if (target < 0) return null;
  const args = findDccArguments(data, target, limit);
  if (args < 0) return null;
  const dcc = state.dcc;
  if (!parseDcc(data, args, limit, dcc)) return null;
  // "Forged DCC command": only the client itself (either spelling) and a real port.
  if (dcc.ip !== state.clientAddress && dcc.ip !== state.seenAddress) return null;
  return dcc.port === 0 ? null : dcc;
}

function process(connection: ConnectionContext<IrcConfig, IrcState>, packet: Packet) {
  // Only what the client says counts: a server (or anyone it relays) never opens a port.
  if (packet.dir !== "orig") return ACCEPT;
  const { conntrack, state } = connection;
  const dcc = findDcc(state, packet.data);
  if (dcc === null) return ACCEPT;
  // Any host, any source port, may connect to the client (as the server sees it).
  const request = {
    l4: "tcp" as const,
    src: null,
    sport: null,
    dst: conntrack.reply.dst,
    dport: dcc.port,
  };
  if (conntrack.natted) {
    return natIrc(packet.data, dcc, state.seenAddress, request, connection.expectations);
  }
  return connection.expectations.expect(request) === "ok" ? ACCEPT : DROP;
}

/** The policy follows the module parameters: max_expected = max_dcc_channels. */
function policyFor(config: IrcConfig): HelperPolicy {
  return { maxExpected: config.maxDccChannels, timeoutSeconds: config.dccTimeout };
}

export const ircHelper: HelperDefinition<IrcConfig, IrcState> = {
  name: "irc",
  l4: "tcp",
  defaultPort: 6667,
  families: [4],
  policy: { maxExpected: 8, timeoutSeconds: 300 },
  parseConfig: parseIrcConfig,
  policyFor,

  newState(conntrack: Conntrack): IrcState {
    return {
      clientAddress: ipv4Number(conntrack.orig.src),
      seenAddress: ipv4Number(conntrack.reply.dst),
      dcc: newDccArguments(),
    };
  },

  process,
};
