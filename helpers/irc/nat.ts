// nf_nat_irc: under NAT the helper inserts the expectation through the port search and
// writes "<address as one unsigned decimal> <port>" over [first address digit, end of the
// port's digits), whatever spacing or wrapped spelling the client used.

import type { ExpectationRequest, ExpectationSink, PacketResult } from "../core/helper.ts";
import { findNatPort } from "../core/nat-port.ts";
import { spliceText } from "../core/splice.ts";
import type { DccArguments } from "./parse-dcc.ts";

const DROP: PacketResult = Object.freeze({ verdict: "drop" });

/** data with dcc's span replaced by "%u %u" of address (a u32) and port. */
export function rewriteDcc(
  data: Uint8Array,
  dcc: DccArguments,
  address: number,
  port: number,
): Uint8Array {
  return spliceText(data, dcc.start, dcc.end - dcc.start, `${address} ${port}`);
}

/** `seenAddress` = tuple[REPLY].dst as a u32: where the server's side sends the client. */
export function natIrc(
  data: Uint8Array,
  dcc: DccArguments,
  seenAddress: number,
  request: ExpectationRequest,
  expectations: ExpectationSink,
): PacketResult {
  const port = findNatPort(expectations, request, dcc.port);
  if (port === 0) return DROP;
  return { verdict: "accept", data: rewriteDcc(data, dcc, seenAddress, port) };
}
