// A client's CTCP DCC request as real clients write it: mIRC, irssi and WeeChat all send
// "PRIVMSG <nick> :\x01DCC SEND <file> <address as decimal> <port> <size>\x01" (passive/
// reverse DCC: port 0 and a token) and "\x01DCC CHAT chat <address> <port>\x01"; mIRC quotes
// file names with spaces. Now and then a type the kernel does not know (mIRC's RESUME and
// ACCEPT): it searches on for a later " :", a pipelined DCC's.

import fc from "fast-check";
import { asciiBytes, type LineTemplate } from "../core/dialogue-flow.ts";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import { type DccAddress, dccAddress, dccAddressText } from "./dcc-address.ts";
import { dccPort } from "./dcc-port.ts";

export interface DccLineOptions {
  address?: fc.Arbitrary<DccAddress>;
  port?: fc.Arbitrary<string>;
  /** Where the line goes: "orig" = the client sends it. */
  dir?: "orig" | "reply";
}

export const NICKS = ["bob", "Bob_", "[away]carol", "dave|work", "#chan"];

const FILE_NAMES = [
  "f.txt",
  "holiday_photos.zip",
  "report-2024.pdf",
  '"my file.txt"',
  '"a b c d e f.mp3"',
  "x",
  "linux-6.18.tar.xz",
];

export function dccType(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant("SEND") },
    { weight: 3, arbitrary: fc.constant("CHAT") },
    { weight: 1, arbitrary: fc.constantFrom("MOVE", "TSEND", "SCHAT") },
    { weight: 1, arbitrary: fc.constantFrom("RESUME", "ACCEPT") },
  );
}

/** The argument before the address: a file name, "chat" for the chat types, or none. */
function firstArgument(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FILE_NAMES) },
    { weight: 2, arbitrary: fc.constantFrom("chat", "CHAT") },
    { weight: 1, arbitrary: fc.constant("") },
  );
}

/** What follows the port: nothing (chat), a size, or a size and a passive-DCC token. */
function trailer(): fc.Arbitrary<string> {
  return fc.constantFrom("", " 1234", " 0", " 1048576", " 734003200 17");
}

export function lineEnding(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant("\x01\r\n") },
    { weight: 2, arbitrary: fc.constant("\x01\n") },
    { weight: 1, arbitrary: fc.constantFrom("\r\n", "\x01", "\x01\r", "") },
  );
}

/** Between address and port: one space from every client; the kernel takes any number, and
 * anything else ends the address with port 0. */
function separator(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 12, arbitrary: fc.constant(" ") }, fc.constantFrom("   ", "\t", ","));
}

function command(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant("PRIVMSG") },
    { weight: 1, arbitrary: fc.constantFrom("privmsg", "PrivMsg") },
  );
}

export interface DccParts {
  command: string;
  nick: string;
  type: string;
  argument: string;
  address: DccAddress;
  separator: string;
  port: string;
  trailer: string;
  ending: string;
}

export function dccParts(options: DccLineOptions = {}): fc.Arbitrary<DccParts> {
  return fc.record({
    command: command(),
    nick: fc.constantFrom(...NICKS),
    type: dccType(),
    argument: firstArgument(),
    address: options.address ?? dccAddress(),
    separator: separator(),
    port: options.port ?? dccPort(),
    trailer: trailer(),
    ending: lineEnding(),
  });
}

/** The CTCP body "\x01DCC SEND f <address> <port> <size>" without the closing \x01. */
export function dccBody(parts: DccParts, flow: FlowSkeleton): string {
  const address = dccAddressText(parts.address, flow);
  return `\x01DCC ${parts.type} ${parts.argument} ${address}${parts.separator}${parts.port}${parts.trailer}`;
}

export function renderDccLine(parts: DccParts, flow: FlowSkeleton): string {
  return `${parts.command} ${parts.nick} :${dccBody(parts, flow)}${parts.ending}`;
}

export function dccLine(options: DccLineOptions = {}): fc.Arbitrary<LineTemplate> {
  const dir = options.dir ?? "orig";
  return dccParts(options).map((parts) => ({
    dir,
    render: (flow) => asciiBytes(renderDccLine(parts, flow)),
  }));
}
