// nf_nat_irc: under NAT the helper inserts the expectation through the port search and
// writes "<address as one unsigned decimal> <port>" over [first address digit, end of the
// port's digits), whatever spacing or wrapped spelling the client used.

import { decimalLength, writeDecimal } from "../core/decimal.ts";
import type { ExpectationRequest, ExpectationSink, PacketResult } from "../core/helper.ts";
import { findNatPort } from "../core/nat-port.ts";
import type { DccArguments } from "./parse-dcc.ts";

const DROP: PacketResult = Object.freeze({ verdict: "drop" });
const SPACE = 0x20;

/** data with dcc's span replaced by "<address> <port>". */
export function rewriteDcc(
  data: Uint8Array,
  dcc: DccArguments,
  address: number,
  port: number,
): Uint8Array {
  const replacementLength = decimalLength(address) + 1 + decimalLength(port);
  const out = new Uint8Array(data.length - (dcc.end - dcc.start) + replacementLength);
  out.set(data.subarray(0, dcc.start), 0);
  let at = writeDecimal(out, dcc.start, address);
  out[at++] = SPACE;
  at = writeDecimal(out, at, port);
  out.set(data.subarray(dcc.end), at);
  return out;
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
