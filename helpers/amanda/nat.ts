// nf_nat_amanda: under NAT each token's expectation goes through the port search, and the
// digits that were read (exactly those, at most 5) are replaced by the port inserted, in
// plain decimal. "0123" becomes "123", "99999" becomes "34463"; a 6th digit stays.

import type { ExpectationRequest, ExpectationSink } from "../core/helper.ts";
import { findNatPort } from "../core/nat-port.ts";
import { spliceText } from "../core/splice.ts";

/** The payload with the token's digits rewritten, or null when no port was free (drop). */
export function natTokenPort(
  sink: ExpectationSink,
  request: ExpectationRequest,
  data: Uint8Array,
  off: number,
  digits: number,
): Uint8Array | null {
  const port = findNatPort(sink, request, request.dport);
  if (port === 0) return null;
  return spliceText(data, off, digits, String(port));
}
