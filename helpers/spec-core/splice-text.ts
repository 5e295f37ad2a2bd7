// Shared by spec models only; never imported by fast helpers, and never imports fast-helper
// mechanics (docs/ARCHITECTURE.md, layout).
//
// The payload rewrite of every NAT half (kernel-helpers.md §1.4 nf_nat_mangle_*_packet):
// one region of the payload is replaced by ASCII text, growing or shrinking it.

/** Replaces exactly [offset, offset + length) with the ASCII text. */
export function spliceText(
  data: Uint8Array,
  offset: number,
  length: number,
  text: string,
): Uint8Array {
  const replacement = new TextEncoder().encode(text);
  const out = new Uint8Array(data.length - length + replacement.length);
  out.set(data.subarray(0, offset), 0);
  out.set(replacement, offset);
  out.set(data.subarray(offset + length), offset + replacement.length);
  return out;
}
