// Which FTP command a parsed segment carries, and its address and port
// (kernel-helpers.md §2.4 patterns, §2.5 grammars). Only offset 0 of the segment is
// looked at; the caller decides whether the segment is parsed at all (§2.3).

import type { Dir } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { readKernelIPv6 } from "./ipv6-text.ts";
import {
  type GrammarVersion,
  isDigit,
  packIPv4,
  packPort,
  readNumberList,
  readPortField,
} from "./numbers.ts";

export type CommandType = "PORT" | "EPRT" | "227" | "229";

export interface Command {
  type: CommandType;
  /** The parsed text is [matchOffset, matchOffset + matchLength): what NAT replaces. */
  matchOffset: number;
  matchLength: number;
  /** The kernel's 16-byte cmd.u3: the sender's address, overwritten by what was parsed
   * (PORT/227 and EPRT |1| overwrite only the first 4 bytes, 229 nothing). */
  address: Uint8Array;
  port: number;
}

/** no-match = ACCEPT (§2.4 result 0); partial = NF_DROP (§2.4 result −1). */
export type ParseResult =
  | { kind: "no-match" }
  | { kind: "partial"; pattern: string }
  | { kind: "match"; command: Command };

export interface ParseContext {
  family: 4 | 6;
  /** tuple[dir].src as 16 bytes (IPv4 in the first 4, zeros after). */
  senderAddress: Uint8Array;
  version: GrammarVersion;
}

interface Parsed {
  matchOffset: number;
  matchLength: number;
  address: Uint8Array;
  port: number;
}

/** A parser gets the whole segment and the index right after the skip character (or
 * after the pattern when there is none); null = the argument is malformed. */
type ArgumentParser = (data: Uint8Array, start: number, context: ParseContext) => Parsed | null;

interface SearchPattern {
  pattern: string;
  skip: number | null;
  type: CommandType;
  parse: ArgumentParser;
}

const SPACE = 0x20;
const OPEN_PAREN = 0x28;
const CARRIAGE_RETURN = 0x0d;
const COMMA = 0x2c;
const DOT = 0x2e;

/** §2.5 PORT: 6 comma numbers ended by '\r'. */
function parsePortArgument(data: Uint8Array, start: number, context: ParseContext) {
  const numbers = readNumberList(data, start, 6, COMMA, CARRIAGE_RETURN, context.version);
  if (numbers === null) return null;
  return sixTupleResult(start, numbers.end, numbers.values, context);
}

/** §2.5 227: from the first digit anywhere after "227 ", 6 comma numbers ended by any
 * other byte. */
function parse227Argument(data: Uint8Array, start: number, context: ParseContext) {
  let firstDigit = start;
  while (firstDigit < data.length && !isDigit(data[firstDigit])) firstDigit++;
  if (firstDigit === data.length) return null;
  const numbers = readNumberList(data, firstDigit, 6, COMMA, null, context.version);
  if (numbers === null) return null;
  return sixTupleResult(firstDigit, numbers.end, numbers.values, context);
}

function sixTupleResult(start: number, end: number, values: number[], context: ParseContext) {
  // §2.6: the 6-tuple overwrites only the first 4 bytes of the sender's address.
  const address = Uint8Array.from(context.senderAddress);
  address.set(packIPv4(values.slice(0, 4)), 0);
  return {
    matchOffset: start,
    matchLength: end - start,
    address,
    port: packPort(values[4], values[5]),
  };
}

/** §2.5: a delimiter is printable ASCII 33…126 and not a digit. */
function isDelimiter(byte: number): boolean {
  return byte >= 33 && byte <= 126 && !isDigit(byte);
}

/** §2.5 EPRT: d f d address d port d, f = '1' on IPv4 and '2' on IPv6 connections. */
function parseEprtArgument(data: Uint8Array, start: number, context: ParseContext) {
  if (data.length - start <= 3) return null;
  const delimiter = data[start];
  if (!isDelimiter(delimiter) || data[start + 2] !== delimiter) return null;
  const familyDigit = data[start + 1];
  const expectedDigit = context.family === 4 ? 0x31 : 0x32;
  if (familyDigit !== expectedDigit) return null;

  const address = Uint8Array.from(context.senderAddress);
  let addressEnd: number;
  if (context.family === 4) {
    const octets = readNumberList(data, start + 3, 4, DOT, delimiter, context.version);
    if (octets === null) return null;
    address.set(packIPv4(octets.values), 0);
    addressEnd = octets.end;
  } else {
    const ipv6 = readKernelIPv6(data, start + 3, delimiter);
    if (ipv6 === null) return null;
    address.set(ipv6.bytes, 0);
    addressEnd = ipv6.end;
  }
  // The port starts one byte past wherever the address stopped, whatever that byte is.
  const port = readPortField(data, addressEnd + 1, delimiter, context.version);
  if (port === null) return null;
  return { matchOffset: start, matchLength: port.end - start, address, port: port.port };
}

/** §2.5 229: three equal delimiters, then the port up to a fourth. */
function parse229Argument(data: Uint8Array, start: number, context: ParseContext) {
  if (data.length - start <= 3) return null;
  const delimiter = data[start];
  if (!isDelimiter(delimiter)) return null;
  if (data[start + 1] !== delimiter || data[start + 2] !== delimiter) return null;
  const port = readPortField(data, start + 3, delimiter, context.version);
  if (port === null) return null;
  const address = Uint8Array.from(context.senderAddress);
  return { matchOffset: start, matchLength: port.end - start, address, port: port.port };
}

/** §2.4 table: per direction, tried in order. */
const SEARCH: Record<Dir, SearchPattern[]> = {
  orig: [
    { pattern: "PORT", skip: SPACE, type: "PORT", parse: parsePortArgument },
    { pattern: "EPRT", skip: SPACE, type: "EPRT", parse: parseEprtArgument },
  ],
  reply: [
    { pattern: "227 ", skip: null, type: "227", parse: parse227Argument },
    { pattern: "229 ", skip: OPEN_PAREN, type: "229", parse: parse229Argument },
  ],
};

function lowerAscii(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

function sameIgnoringCase(data: Uint8Array, pattern: string, length: number): boolean {
  for (let i = 0; i < length; i++) {
    if (lowerAscii(data[i]) !== lowerAscii(pattern.charCodeAt(i))) return false;
  }
  return true;
}

type PatternResult = { kind: "no-match" } | { kind: "partial" } | { kind: "match"; parsed: Parsed };

/** §2.4 find_pattern. */
function findPattern(
  data: Uint8Array,
  search: SearchPattern,
  context: ParseContext,
): PatternResult {
  const patternLength = search.pattern.length;
  // Step 1: a segment no longer than the keyword that starts like it is a partial match.
  if (data.length <= patternLength) {
    return sameIgnoringCase(data, search.pattern, data.length)
      ? { kind: "partial" }
      : { kind: "no-match" };
  }
  // Step 2: case-insensitive prefix ("PORTAL" matches "PORT").
  if (!sameIgnoringCase(data, search.pattern, patternLength)) return { kind: "no-match" };
  // Step 3: the argument starts right after the first skip character, searched from the
  // end of the keyword across line ends; none ⇒ partial.
  let start = patternLength;
  if (search.skip !== null) {
    const skipAt = data.indexOf(search.skip, patternLength);
    if (skipAt === -1) return { kind: "partial" };
    start = skipAt + 1; // nothing after it ⇒ every parser below fails ⇒ partial
  }
  // Step 4: a malformed argument is a partial match too.
  const parsed = search.parse(data, start, context);
  return parsed === null ? { kind: "partial" } : { kind: "match", parsed };
}

/** §2.4: the first pattern with a non-zero result wins; a partial on the first one stops
 * the search. */
export function parseCommand(data: Uint8Array, dir: Dir, context: ParseContext): ParseResult {
  for (const search of SEARCH[dir]) {
    const result = findPattern(data, search, context);
    if (result.kind === "partial") {
      reach(`${search.type}: partial or malformed, dropped`);
      return { kind: "partial", pattern: search.pattern };
    }
    if (result.kind === "match") {
      reach(`${search.type}: parsed`);
      return { kind: "match", command: { type: search.type, ...result.parsed } };
    }
  }
  reach(`${dir}: no command at a line start`);
  return { kind: "no-match" };
}
