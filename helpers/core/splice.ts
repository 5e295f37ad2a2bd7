// A NAT payload rewrite: one span of the payload replaced by new text (what
// nf_nat_mangle_{tcp,udp}_packet do to the bytes).

const encoder = new TextEncoder();

/** data with [offset, offset+length) replaced by the ASCII text. */
export function spliceText(
  data: Uint8Array,
  offset: number,
  length: number,
  text: string,
): Uint8Array {
  const replacement = encoder.encode(text);
  const out = new Uint8Array(data.length - length + replacement.length);
  out.set(data.subarray(0, offset), 0);
  out.set(replacement, offset);
  out.set(data.subarray(offset + length), offset + replacement.length);
  return out;
}
