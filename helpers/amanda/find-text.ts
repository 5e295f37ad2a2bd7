// skb_find_text: the first occurrence of a byte pattern that lies wholly inside
// [from, to), where the search also stops at the end of the data (to may lie past it
// once an earlier NAT rewrite shortened the payload).

import { findPattern } from "../core/find-bytes.ts";

/** Which byte of a pattern candidates are searched by: every pattern here is a keyword and
 * its space ("CONNECT ", "DATA ", ...), and its last letter is the one a near miss (a
 * prefix of the word, "CONNEC ") lacks. A one-byte pattern is its byte. */
export function rareIndex(pattern: Uint8Array): number {
  return pattern.length > 1 ? pattern.length - 2 : 0;
}

/** Absolute offset of the first match, or -1. */
export function findText(data: Uint8Array, pattern: Uint8Array, from: number, to: number): number {
  return findPattern(data, pattern, rareIndex(pattern), from, to);
}
