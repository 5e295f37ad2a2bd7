// nf_nat_amanda's payload rewrite (kernel-helpers.md §5.3): exactly the parsed digits are
// replaced by the port in plain decimal.

import { spliceText } from "../../spec-core/splice-text.ts";

export function replaceDigits(
  payload: Uint8Array,
  offset: number,
  digits: number,
  port: number,
): Uint8Array {
  return spliceText(payload, offset, digits, String(port));
}
