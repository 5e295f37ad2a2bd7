// The FTP helper with the behaviour of Linux 6.18 nf_conntrack_ftp + nf_nat_ftp (stable,
// before the 2026-05 "avoid u16 overflows" fix unless configured).
//
// Per segment: only one that starts at a remembered "right after a newline" position is
// parsed, and only its first line; a keyword match with a bad argument drops it.

import { addressBytes, formatIPv4, formatIPv6 } from "../core/address.ts";
import type {
  ConnectionContext,
  Conntrack,
  HelperDefinition,
  Packet,
  PacketResult,
} from "../core/helper.ts";
import { NewlineTracker } from "../core/newline-tracker.ts";
import { FtpCommand, type ParseOptions } from "./command.ts";
import { type FtpConfig, parseFtpConfig } from "./config.ts";
import { Found, findCommand } from "./find-command.ts";
import { natFtp } from "./nat.ts";

export type { FtpConfig } from "./config.ts";

export interface FtpState {
  orig: NewlineTracker;
  reply: NewlineTracker;
  /** Each direction's sender address (tuple[dir].src): a command must name it. */
  origSender: Uint8Array;
  replySender: Uint8Array;
  command: FtpCommand;
  options: ParseOptions;
}

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });
const DROP: PacketResult = Object.freeze({ verdict: "drop" });
const NEWLINE = 0x0a;

function sameAddress(cmdAddress: Uint8Array, sender: Uint8Array): boolean {
  for (let i = 0; i < sender.length; i++) if (cmdAddress[i] !== sender[i]) return false;
  return true;
}

/** Parses a segment at a tracked position. null = drop and leave the remembered
 * positions alone (partial match); otherwise the verdict, after which they update. */
function inspect(
  connection: ConnectionContext<FtpConfig, FtpState>,
  packet: Packet,
): PacketResult | null {
  const { conntrack, config, state } = connection;
  const dir = packet.dir;
  const sender = dir === "orig" ? state.origSender : state.replySender;
  const cmd = state.command;
  cmd.reset(sender);
  const found = findCommand(packet.data, dir, cmd, state.options);
  if (found === Found.Partial) return null;
  if (found === Found.None) return ACCEPT;

  // The data connection comes from the peer, so the expectation uses tuple[!dir].
  const peerTuple = dir === "orig" ? conntrack.reply : conntrack.orig;
  let dst = peerTuple.dst;
  if (!sameAddress(cmd.addr, sender)) {
    // Anti-bounce: a command may only name its sender, unless loose.
    if (!config.loose) return ACCEPT;
    dst = conntrack.family === 4 ? formatIPv4(cmd.addr) : formatIPv6(cmd.addr);
  }
  const request = { l4: "tcp" as const, src: peerTuple.src, sport: null, dst, dport: cmd.port };
  if (conntrack.natted) {
    return natFtp(conntrack, dir, packet.data, cmd, request, connection.expectations);
  }
  return connection.expectations.expect(request) === "ok" ? ACCEPT : DROP;
}

export const ftpHelper: HelperDefinition<FtpConfig, FtpState> = {
  name: "ftp",
  l4: "tcp",
  defaultPort: 21,
  families: [4, 6],
  policy: { maxExpected: 1, timeoutSeconds: 300 },
  parseConfig: parseFtpConfig,

  newState(conntrack: Conntrack, config: FtpConfig): FtpState {
    return {
      orig: new NewlineTracker(),
      reply: new NewlineTracker(),
      origSender: addressBytes(conntrack.orig.src),
      replySender: addressBytes(conntrack.reply.src),
      command: new FtpCommand(),
      options: { family: conntrack.family, strict: config.avoidU16Overflows },
    };
  },

  process(connection, packet) {
    const data = packet.data;
    const length = data.length;
    if (length === 0) return ACCEPT;
    const tracker = packet.dir === "orig" ? connection.state.orig : connection.state.reply;
    const endsInNewline = data[length - 1] === NEWLINE;
    let result: PacketResult = ACCEPT;
    if (tracker.has(packet.seq)) {
      const inspected = inspect(connection, packet);
      if (inspected === null) return DROP;
      result = inspected;
    }
    // Remembered in the sender's original sequence space, whatever NAT did to the length.
    if (endsInNewline) tracker.remember((packet.seq + length) >>> 0);
    return result;
  },
};
