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

/** Whether a non-empty segment can start with (a prefix of) one of the direction's
 * keywords, judged on its first three bytes: "por"/"epr" in any case (b | 0x20 folds
 * exactly 'P', 'O', 'E', 'R' onto 'p', 'o', 'e', 'r'), "227"/"229" for replies. A shorter
 * segment only needs its bytes to fit, since a keyword prefix drops. A cheap filter the
 * caller runs first: most control lines fail it on the first byte. Passing it does not
 * mean a match (findCommand decides). */
export function mayHoldKeyword(data: Uint8Array, dir: Dir): boolean {
  const length = data.length;
  if (dir === "orig") {
    const first = data[0] | 0x20;
    if (first !== LOWER_P && first !== LOWER_E) return false;
    if (length === 1) return true;
    if ((data[1] | 0x20) !== (first === LOWER_P ? LOWER_O : LOWER_P)) return false;
    return length === 2 || (data[2] | 0x20) === LOWER_R;
  }
  if (data[0] !== DIGIT_2) return false;
  if (length === 1) return true;
  if (data[1] !== DIGIT_2) return false;
  return length === 2 || data[2] === DIGIT_7 || data[2] === DIGIT_9;
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
