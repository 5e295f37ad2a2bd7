// nf_nat_amanda's payload rewrite (kernel-helpers.md §5.3): exactly the parsed digits are
// replaced by the port in plain decimal.

export function replaceDigits(
  payload: Uint8Array,
  offset: number,
  digits: number,
  port: number,
): Uint8Array {
  const text = new TextEncoder().encode(String(port));
  const out = new Uint8Array(payload.length - digits + text.length);
  out.set(payload.subarray(0, offset), 0);
  out.set(text, offset);
  out.set(payload.subarray(offset + digits), offset + text.length);
  return out;
}
