// The FTP helper with the behaviour of Linux 6.18 nf_conntrack_ftp + nf_nat_ftp (stable,
// before the 2026-05 "avoid u16 overflows" fix unless configured).
//
// Per segment: only one that starts at a remembered "right after a newline" position is
// parsed, and only its first line; a keyword match with a bad argument drops it.
//
// The hot path is the segment that carries no keyword (almost every segment of a control
// connection). It reads up to the first four bytes of the segment (an exact keyword
// filter, see mayHoldKeyword), its last byte and, for a newline, the direction's two
// remembered positions (plain numbers in one object); it allocates nothing.

import { addressBytes, formatIPv4, formatIPv6 } from "../core/address.ts";
import type {
  ConnectionContext,
  Conntrack,
  HelperDefinition,
  Packet,
  PacketResult,
} from "../core/helper.ts";
import type { Dir } from "../core/model.ts";
import {
  isRemembered,
  REMEMBERED_POSITIONS,
  slotToRemember,
  storedSeq,
} from "../core/newline-tracker.ts";
import { seqAfter, seqBefore } from "../core/sequence.ts";
import { FtpCommand, type ParseOptions } from "./command.ts";
import { type FtpConfig, parseFtpConfig } from "./config.ts";
import { Found, findCommand, mayHoldCommand, mayHoldReply } from "./find-command.ts";
import { natFtp } from "./nat.ts";

export type { FtpConfig } from "./config.ts";

/** Per connection: each direction's remembered after-newline positions (seq_aft_nl and
 * seq_aft_nl_num), stored as int32 (see newline-tracker.ts), and the sender addresses
 * once needed. Everything else the helper needs comes from the conntrack and config. */
export class FtpState {
  origCount = 0;
  origFirst = 0;
  origSecond = 0;
  replyCount = 0;
  replyFirst = 0;
  replySecond = 0;
  senders: Senders | null = null;
}

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });
const DROP: PacketResult = Object.freeze({ verdict: "drop" });
const NEWLINE = 0x0a;

/** One command for every connection: process() is synchronous and never re-entered, and
 * the command is filled from scratch (reset) before each parse. */
const command = new FtpCommand();

/** The four parse option sets, shared rather than one object per connection. */
const PARSE_OPTIONS: Record<4 | 6, readonly [ParseOptions, ParseOptions]> = {
  4: [Object.freeze({ family: 4, strict: false }), Object.freeze({ family: 4, strict: true })],
  6: [Object.freeze({ family: 6, strict: false }), Object.freeze({ family: 6, strict: true })],
};

/** Each direction's sender address (tuple[dir].src) as bytes: a command must name it. */
interface Senders {
  orig: Uint8Array;
  reply: Uint8Array;
}

/** Made on the connection's first keyword match, not per connection up front: most
 * connections' state then stays one object of numbers. */
function sendersOf(state: FtpState, conntrack: Conntrack): Senders {
  if (state.senders === null) {
    state.senders = {
      orig: addressBytes(conntrack.orig.src),
      reply: addressBytes(conntrack.reply.src),
    };
  }
  return state.senders;
}

function sameAddress(cmdAddress: Uint8Array, sender: Uint8Array): boolean {
  for (let i = 0; i < sender.length; i++) if (cmdAddress[i] !== sender[i]) return false;
  return true;
}

/** Parses a segment at a tracked position that may hold a keyword. null = drop and leave the remembered
 * positions alone (partial match); otherwise the verdict, after which they update. */
function inspect(
  connection: ConnectionContext<FtpConfig, FtpState>,
  packet: Packet,
): PacketResult | null {
  const data = packet.data;
  const dir = packet.dir;
  const { conntrack, config } = connection;
  const senders = sendersOf(connection.state, conntrack);
  const sender = dir === "orig" ? senders.orig : senders.reply;
  const options = PARSE_OPTIONS[conntrack.family][config.avoidU16Overflows ? 1 : 0];
  const found = findCommand(data, dir, command, sender, options);
  if (found === Found.Partial) return null;
  if (found === Found.None) return ACCEPT;

  // The data connection comes from the peer, so the expectation uses tuple[!dir].
  const peerTuple = dir === "orig" ? conntrack.reply : conntrack.orig;
  let dst = peerTuple.dst;
  if (!sameAddress(command.addr, sender)) {
    // Anti-bounce: a command may only name its sender, unless loose.
    if (!config.loose) return ACCEPT;
    dst = conntrack.family === 4 ? formatIPv4(command.addr) : formatIPv6(command.addr);
  }
  const request = { l4: "tcp" as const, src: peerTuple.src, sport: null, dst, dport: command.port };
  if (conntrack.natted) {
    return natFtp(conntrack, dir, data, command, request, connection.expectations);
  }
  return connection.expectations.expect(request) === "ok" ? ACCEPT : DROP;
}

function startsAtNewline(state: FtpState, dir: Dir, seq: number): boolean {
  return dir === "orig"
    ? isRemembered(state.origCount, state.origFirst, state.origSecond, seq)
    : isRemembered(state.replyCount, state.replyFirst, state.replySecond, seq);
}

/** update_nl_seq on the orig fields. The steady state (both slots taken, a new position)
 * is written out so that it costs two compares and two subtractions. */
function rememberOrigNewline(state: FtpState, seq: number): void {
  const first = state.origFirst;
  const second = state.origSecond;
  if (state.origCount === REMEMBERED_POSITIONS) {
    if (first === seq || second === seq) return;
    if (seqBefore(first, second)) {
      if (seqAfter(seq, first)) state.origFirst = seq;
    } else if (seqAfter(seq, second)) {
      state.origSecond = seq;
    }
    return;
  }
  const slot = slotToRemember(state.origCount, first, second, seq);
  if (slot < 0) return;
  if (slot === 0) state.origFirst = seq;
  else state.origSecond = seq;
  state.origCount++;
}

/** rememberOrigNewline for the reply fields. */
function rememberReplyNewline(state: FtpState, seq: number): void {
  const first = state.replyFirst;
  const second = state.replySecond;
  if (state.replyCount === REMEMBERED_POSITIONS) {
    if (first === seq || second === seq) return;
    if (seqBefore(first, second)) {
      if (seqAfter(seq, first)) state.replyFirst = seq;
    } else if (seqAfter(seq, second)) {
      state.replySecond = seq;
    }
    return;
  }
  const slot = slotToRemember(state.replyCount, first, second, seq);
  if (slot < 0) return;
  if (slot === 0) state.replyFirst = seq;
  else state.replySecond = seq;
  state.replyCount++;
}

/** A segment that may hold a keyword: parsed if it starts at a remembered position. */
function processCandidate(
  connection: ConnectionContext<FtpConfig, FtpState>,
  packet: Packet,
): PacketResult {
  const data = packet.data;
  const length = data.length;
  const state = connection.state;
  const dir = packet.dir;
  let result: PacketResult = ACCEPT;
  if (startsAtNewline(state, dir, storedSeq(packet.seq))) {
    const inspected = inspect(connection, packet);
    if (inspected === null) return DROP;
    result = inspected;
  }
  if (data[length - 1] === NEWLINE) {
    // Remembered in the sender's original sequence space, whatever NAT did to the length.
    const next = storedSeq(packet.seq + length);
    if (dir === "orig") rememberOrigNewline(state, next);
    else rememberReplyNewline(state, next);
  }
  return result;
}

export const ftpHelper: HelperDefinition<FtpConfig, FtpState> = {
  name: "ftp",
  l4: "tcp",
  defaultPort: 21,
  families: [4, 6],
  policy: { maxExpected: 1, timeoutSeconds: 300 },
  parseConfig: parseFtpConfig,

  newState(): FtpState {
    return new FtpState();
  },

  // A segment the keyword filter turns down would find no keyword (the filter is exact),
  // so it is accepted whether or not it starts at a remembered position: the filter runs
  // before the position lookup, and only its newline has to be remembered (the kernel
  // remembers it on every path but a partial-match drop). Written out per direction so
  // that no field access tests `dir`.
  process(connection, packet) {
    const data = packet.data;
    const length = data.length;
    if (length === 0) return ACCEPT;
    if (packet.dir === "orig") {
      if (mayHoldCommand(data)) return processCandidate(connection, packet);
      if (data[length - 1] === NEWLINE) {
        rememberOrigNewline(connection.state, storedSeq(packet.seq + length));
      }
      return ACCEPT;
    }
    if (mayHoldReply(data)) return processCandidate(connection, packet);
    if (data[length - 1] === NEWLINE) {
      rememberReplyNewline(connection.state, storedSeq(packet.seq + length));
    }
    return ACCEPT;
  },
};
