// Where the helper looks for a DCC command in one client segment (kernel-helpers.md §3.2,
// §3.3 steps 1–3, post-Sep-2022 matching). All positions are indexes into the search
// window; "remaining" = window length − position.

import { reach } from "../../spec-core/behaviour.ts";

/** §3.2 MAX_SEARCH_SIZE: nothing after the first 4095 bytes is examined. */
export const MAX_SEARCH_SIZE = 4095;

/** §3.3 step 3: the types the kernel knows (its dccprotos table), compared
 * case-sensitively, each with its trailing space. RESUME/ACCEPT are not in it. */
export const DCC_TYPES = ["SEND ", "CHAT ", "MOVE ", "TSEND ", "SCHAT "] as const;

/** strlen("PRIVMSG x ") — steps 1–2 only act while more than this remains. */
const PRIVMSG_MIN_REMAINING = 10;
/** strlen(" :\1DCC SENT t AAAAAAAA P\1\n") — the step 3 loop runs while more remains. */
const DCC_MIN_REMAINING = 26;

const SPACE = 0x20;
const COLON = 0x3a;

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

const PRIVMSG = ascii("PRIVMSG ");
const CTCP_DCC = ascii("\x01DCC ");

export function searchWindow(payload: Uint8Array): Uint8Array {
  return payload.subarray(0, MAX_SEARCH_SIZE);
}

function bytesAt(data: Uint8Array, at: number, expected: readonly number[]): boolean {
  return expected.every((byte, i) => data[at + i] === byte);
}

/** ASCII-only case folding: the kernel's tolower also folds Latin-1 capitals, but only
 * onto other bytes ≥ 0xE0, which never equal a letter of "privmsg ". */
function lowerAscii(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

/** §3.3 step 1: skip ' ', '\r', '\n' while more than 10 bytes remain. */
export function skipLeadingBlanks(window: Uint8Array): number {
  let at = 0;
  while (window.length - at > PRIVMSG_MIN_REMAINING) {
    const byte = window[at];
    if (byte !== SPACE && byte !== 0x0d && byte !== 0x0a) break;
    at++;
  }
  return at;
}

/** §3.3 step 2: "PRIVMSG " compared case-insensitively (strncasecmp). */
export function isPrivmsgAt(window: Uint8Array, at: number): boolean {
  return PRIVMSG.every((byte, i) => {
    const actual = window[at + i];
    return actual !== undefined && lowerAscii(actual) === lowerAscii(byte);
  });
}

/** §3.3 step 3: the DCC type at `at`, or null. */
export function dccTypeAt(window: Uint8Array, at: number): string | null {
  return DCC_TYPES.find((type) => bytesAt(window, at, ascii(type))) ?? null;
}

export interface DccCommand {
  type: string;
  /** Index right after the type's trailing space: where parse_dcc starts. */
  argumentsStart: number;
}

/** §3.3 steps 1–3 on the search window: the first DCC command the kernel would parse,
 * or null when it stops without one. */
export function findDccCommand(window: Uint8Array): DccCommand | null {
  const remaining = (at: number) => window.length - at;
  let at = skipLeadingBlanks(window);
  // Step 2: with 10 bytes or fewer left nothing is checked, but then the step 3 loop
  // cannot run either.
  const privmsg = remaining(at) > PRIVMSG_MIN_REMAINING;
  if (privmsg) {
    if (!isPrivmsgAt(window, at)) {
      reach("client segment not starting with PRIVMSG");
      return null;
    }
    at += PRIVMSG.length;
  } else reach("client segment of 10 bytes or fewer after leading blanks");
  while (remaining(at) > DCC_MIN_REMAINING) {
    if (window[at] !== SPACE || window[at + 1] !== COLON) {
      at++;
      continue;
    }
    at += 2;
    // Only the place right after " :" is checked: "\x01DCC " elsewhere ⇒ stop.
    if (!bytesAt(window, at, CTCP_DCC)) {
      reach("PRIVMSG: ' :' not followed by a CTCP DCC, search stopped");
      return null;
    }
    at += CTCP_DCC.length;
    const type = dccTypeAt(window, at);
    // An unknown type: keep looking for a later " :" from here (§3.3 edge case).
    if (type !== null) {
      reach(`DCC ${type.trim()} found`);
      return { type, argumentsStart: at + type.length };
    }
    reach("DCC of an unknown type: search goes on");
  }
  if (privmsg) reach("PRIVMSG: no DCC before the last 26 bytes");
  return null;
}
