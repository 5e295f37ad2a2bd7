// The BER rules of Linux 6.18 lib/asn1_decoder.c that the SNMP grammar reaches, as small
// functions over a byte array and a cursor. Facts (not code) from the kernel:
// - a tag and a length byte need 2 bytes before the current limit, else "data overrun";
// - a long tag (low 5 bits 0x1f) is "long tag not supported";
// - an element the grammar wants constructed matches with the CONS bit either way; a
//   primitive one matches only the exact tag byte;
// - length 0x80 (indefinite) only on a tag with the CONS bit, and 2 more bytes must
//   remain; long form 0x81/0x82 only (n > 2 is "unsupported length"); the n length bytes
//   and then the content must fit before the limit, else "data overrun";
// - a constructed element of definite length must end exactly at its end ("cons length
//   error"); one of indefinite length ends with 00 00 ("missing EOC" when the first byte
//   is not 0, "invalid EOC" when the second is not), with 2 bytes needed before the limit.

export type BerError =
  | "data-overrun"
  | "long-tag"
  | "unexpected-tag"
  | "length-too-long"
  | "indefinite-primitive"
  | "cons-length"
  | "missing-eoc"
  | "invalid-eoc"
  | "bad-version"
  | "unsupported-version"
  | "bad-ip-address-length"
  | "indefinite-message";

export const CONS_BIT = 0x20;

/** A decode failure: the first error the kernel's decoder meets. */
export class BerFailure {
  constructor(readonly error: BerError) {}
}

/** The tag byte at `dp` (checked: 2 bytes before limit, short tag); throws nothing. */
export function peekTag(data: Uint8Array, dp: number, limit: number): number | BerFailure {
  if (limit - dp < 2) return new BerFailure("data-overrun");
  const tag = data[dp] as number;
  if ((tag & 0x1f) === 0x1f) return new BerFailure("long-tag");
  return tag;
}

/** Whether a data tag matches the grammar's tag (the CONS bit is free when the grammar
 * wants a constructed element). */
export function tagMatches(tag: number, wanted: number): boolean {
  const diff = (tag ^ wanted) & ~(wanted & CONS_BIT) & 0xff;
  return diff === 0;
}

/** A matched element: where its content starts and how far it may go. `end` is the
 * definite end, or null for an indefinite length (content bounded by the outer limit). */
export interface Element {
  tag: number;
  content: number;
  end: number | null;
}

/** Reads the length after a matched tag at `dp` (dp = the tag's position). */
export function readLength(
  data: Uint8Array,
  dp: number,
  limit: number,
  tag: number,
): Element | BerFailure {
  let p = dp + 1;
  const first = data[p++] as number;
  if (first < 0x80) {
    if (first > limit - p) return new BerFailure("data-overrun");
    return { tag, content: p, end: p + first };
  }
  if (first === 0x80) {
    if ((tag & CONS_BIT) === 0) return new BerFailure("indefinite-primitive");
    if (2 > limit - p) return new BerFailure("data-overrun");
    return { tag, content: p, end: null };
  }
  const n = first - 0x80;
  if (n > 2) return new BerFailure("length-too-long");
  if (n > limit - p) return new BerFailure("data-overrun");
  let len = 0;
  for (let i = 0; i < n; i++) len = (len << 8) | (data[p++] as number);
  if (len > limit - p) return new BerFailure("data-overrun");
  return { tag, content: p, end: p + len };
}

/** The limit a constructed element's children read to. */
export function innerLimit(element: Element, outer: number): number {
  return element.end ?? outer;
}

/** Whether the content of a SEQUENCE OF has another member at `dp`. */
export function hasMore(
  data: Uint8Array,
  dp: number,
  element: Element,
  outer: number,
): boolean | BerFailure {
  if (element.end !== null) return dp < element.end;
  if (outer - dp < 2) return new BerFailure("data-overrun");
  return data[dp] !== 0;
}

/** Closes a constructed element whose content was read up to `dp`; returns the position
 * after it. */
export function closeElement(
  data: Uint8Array,
  dp: number,
  element: Element,
  outer: number,
): number | BerFailure {
  if (element.end !== null) {
    return dp === element.end ? dp : new BerFailure("cons-length");
  }
  if (outer - dp < 2) return new BerFailure("data-overrun");
  if (data[dp] !== 0) return new BerFailure("missing-eoc");
  if (data[dp + 1] !== 0) return new BerFailure("invalid-eoc");
  return dp + 2;
}
