// find_pattern and the per-direction search table: which keyword a segment starts with,
// where its argument is, and whether the segment must be dropped as a partial match.

import type { Dir } from "../core/model.ts";
import { parseEprt, parseEpsvReply, parsePasvReply, parseSixTuple } from "./arguments.ts";
import { type FtpCommand, FtpCommandType, type ParseOptions } from "./command.ts";

export enum Found {
  /** Drop: a keyword prefix, a keyword without its skip char, or a bad argument. */
  Partial = -1,
  None = 0,
  Match = 1,
}

type ArgumentParser = (
  data: Uint8Array,
  start: number,
  end: number,
  cmd: FtpCommand,
  options: ParseOptions,
) => number;

interface Search {
  /** Lower-case keyword bytes. */
  keyword: Uint8Array;
  /** The argument starts after the first occurrence of this byte; -1 = right after the
   * keyword. */
  skip: number;
  type: FtpCommandType;
  parse: ArgumentParser;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const NO_SKIP = -1;

const SEARCHES: Record<Dir, readonly Search[]> = {
  orig: [
    { keyword: ascii("port"), skip: 0x20, type: FtpCommandType.Port, parse: parseSixTuple },
    { keyword: ascii("eprt"), skip: 0x20, type: FtpCommandType.Eprt, parse: parseEprt },
  ],
  reply: [
    { keyword: ascii("227 "), skip: NO_SKIP, type: FtpCommandType.Pasv, parse: parsePasvReply },
    { keyword: ascii("229 "), skip: 0x28, type: FtpCommandType.Epsv, parse: parseEpsvReply },
  ],
};

function lower(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

/** strncasecmp(data, keyword, n) === 0 for ASCII keywords. */
function startsWithIgnoringCase(data: Uint8Array, keyword: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (lower(data[i]) !== keyword[i]) return false;
  return true;
}

/** find_pattern for one search entry. `sender` pre-fills the command's address (see
 * FtpCommand.addr) once the keyword matched. */
export function findPattern(
  data: Uint8Array,
  search: Search,
  cmd: FtpCommand,
  sender: Uint8Array,
  options: ParseOptions,
): Found {
  const length = data.length;
  const keywordLength = search.keyword.length;
  if (length <= keywordLength) {
    return startsWithIgnoringCase(data, search.keyword, length) ? Found.Partial : Found.None;
  }
  if (!startsWithIgnoringCase(data, search.keyword, keywordLength)) return Found.None;
  let start = keywordLength;
  if (search.skip !== NO_SKIP) {
    const at = data.indexOf(search.skip, keywordLength);
    if (at < 0) return Found.Partial;
    start = at + 1;
  }
  cmd.reset(sender);
  cmd.matchOffset = start;
  cmd.type = search.type;
  const matchLength = search.parse(data, start, length, cmd, options);
  if (matchLength === 0) return Found.Partial;
  cmd.matchLength = matchLength;
  return Found.Match;
}

const DIGIT_2 = 0x32;
const DIGIT_7 = 0x37;
const DIGIT_9 = 0x39;
const LOWER_P = 0x70;
const LOWER_O = 0x6f;
const LOWER_E = 0x65;
const LOWER_R = 0x72;
const LOWER_T = 0x74;
const SPACE = 0x20;

/** Whether findCommand would answer other than None for a non-empty segment, i.e. whether
 * its first min(length, 4) bytes are a prefix of one of the direction's keywords: "port" /
 * "eprt" in any case (b | 0x20 folds exactly 'P', 'O', 'E', 'R', 'T' onto their lower
 * case), "227 " / "229 " for replies. findPattern answers None exactly when that prefix
 * differs, so a segment failing this is accepted without a parse, wherever it starts.
 * Most control lines fail it on the first byte. */
export function mayHoldKeyword(data: Uint8Array, dir: Dir): boolean {
  return dir === "orig" ? mayHoldCommand(data) : mayHoldReply(data);
}

/** mayHoldKeyword for the orig direction (PORT / EPRT). */
export function mayHoldCommand(data: Uint8Array): boolean {
  const first = data[0] | 0x20;
  if (first !== LOWER_P && first !== LOWER_E) return false;
  const length = data.length;
  if (length === 1) return true;
  if ((data[1] | 0x20) !== (first === LOWER_P ? LOWER_O : LOWER_P)) return false;
  if (length === 2) return true;
  if ((data[2] | 0x20) !== LOWER_R) return false;
  return length === 3 || (data[3] | 0x20) === LOWER_T;
}

/** mayHoldKeyword for the reply direction (227 / 229). */
export function mayHoldReply(data: Uint8Array): boolean {
  if (data[0] !== DIGIT_2) return false;
  const length = data.length;
  if (length === 1) return true;
  if (data[1] !== DIGIT_2) return false;
  if (length === 2) return true;
  const third = data[2];
  if (third !== DIGIT_7 && third !== DIGIT_9) return false;
  return length === 3 || data[3] === SPACE;
}

/** Tries the direction's keywords in order; the first non-None answer wins. */
export function findCommand(
  data: Uint8Array,
  dir: Dir,
  cmd: FtpCommand,
  sender: Uint8Array,
  options: ParseOptions,
): Found {
  const searches = SEARCHES[dir];
  for (let i = 0; i < searches.length; i++) {
    const found = findPattern(data, searches[i], cmd, sender, options);
    if (found !== Found.None) return found;
  }
  return Found.None;
}
