// nf_nat_ftp: under NAT the helper inserts the expectation through the port search and
// rewrites the argument text to the address the peer must use (tuple[!dir].dst).

import { addressBytes, formatIPv4, formatIPv6Full } from "../core/address.ts";
import type {
  Conntrack,
  ExpectationRequest,
  ExpectationSink,
  PacketResult,
} from "../core/helper.ts";
import type { Dir } from "../core/model.ts";
import { findNatPort } from "../core/nat-port.ts";
import { spliceText } from "../core/splice.ts";
import { type FtpCommand, FtpCommandType } from "./command.ts";

const DROP: PacketResult = Object.freeze({ verdict: "drop" });

/** nf_nat_ftp_fmt_cmd: the text that replaces the matched argument. The extended forms
 * always use '|' and the full uncompressed IPv6 (%pI6), whatever the peer sent. */
export function natReplacement(
  type: FtpCommandType,
  family: 4 | 6,
  newAddress: Uint8Array,
  port: number,
): string {
  switch (type) {
    case FtpCommandType.Port:
    case FtpCommandType.Pasv:
      // Only the first 4 bytes of the address union, even on IPv6.
      return `${newAddress[0]},${newAddress[1]},${newAddress[2]},${newAddress[3]},${port >> 8},${port & 0xff}`;
    case FtpCommandType.Eprt:
      return family === 4
        ? `|1|${formatIPv4(newAddress)}|${port}|`
        : `|2|${formatIPv6Full(newAddress)}|${port}|`;
    case FtpCommandType.Epsv:
      return `|||${port}|`;
  }
}

export function natFtp(
  conntrack: Conntrack,
  dir: Dir,
  data: Uint8Array,
  cmd: FtpCommand,
  request: ExpectationRequest,
  expectations: ExpectationSink,
): PacketResult {
  const peerTuple = dir === "orig" ? conntrack.reply : conntrack.orig;
  const port = findNatPort(expectations, request, cmd.port);
  if (port === 0) return DROP;
  const text = natReplacement(cmd.type, conntrack.family, addressBytes(peerTuple.dst), port);
  return { verdict: "accept", data: spliceText(data, cmd.matchOffset, cmd.matchLength, text) };
}
