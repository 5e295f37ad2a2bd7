// Where the Amanda helper looks for ports: after the first "CONNECT " anywhere in the
// payload (not line-anchored, so "XCONNECT " counts) up to the first "\n" after it.

import { indexOfByte } from "../core/find-bytes.ts";
import { findText } from "./find-text.ts";

const CONNECT = new TextEncoder().encode("CONNECT ");
const NEWLINE = 0x0a;

export interface Region {
  /** Right after "CONNECT ". */
  start: number;
  /** The "\n" that ends the region. */
  stop: number;
}

/** null when either "CONNECT " or a "\n" after it is missing. */
export function connectRegion(data: Uint8Array): Region | null {
  const at = findText(data, CONNECT, 0, data.length);
  if (at < 0) return null;
  const start = at + CONNECT.length;
  const stop = indexOfByte(data, NEWLINE, start, data.length);
  return stop < 0 ? null : { start, stop };
}

const SPACE = 0x20;

/** Every port token ends with a space ("DATA " ...): none lies wholly in a region without
 * one, and none starts before the region's first space minus the token's length. Returns
 * that first space, or -1 (no token can be found). A NAT rewrite only changes bytes after
 * a token found, so the first space stays where it is. */
export function firstSpace(data: Uint8Array, region: Region): number {
  return indexOfByte(data, SPACE, region.start, region.stop);
}
