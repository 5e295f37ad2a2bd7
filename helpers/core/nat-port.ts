// nf_nat_exp_find_port (v6.1+): the NAT half of a helper inserts its expectation itself,
// retrying on a clash with other ports.
//
// The kernel draws each retry uniformly from [port, 65535). A random draw would make
// outcomes irreproducible, so this takes port+1, port+2, ... wrapping inside that same
// range (port 65534 can only retry 65534). Same attempt count, same stop rules.

import type { ExpectationRequest, ExpectationSink } from "./helper.ts";

const MAX_RETRIES = 128;
const USHRT_MAX = 65535;

/** The port the expectation was inserted with, or 0 on failure. Port 0 itself can be
 * inserted and still reads as failure (§13.15): the caller drops with it in the table. */
export function findNatPort(
  sink: ExpectationSink,
  request: ExpectationRequest,
  port: number,
): number {
  const range = USHRT_MAX - port;
  let retriesLeft = Math.min(MAX_RETRIES, range);
  let candidate = port;
  for (let attempt = 1; ; attempt++) {
    const result = sink.expect({ ...request, dport: candidate });
    if (result === "ok") return candidate;
    if (result !== "busy" || --retriesLeft < 0) return 0;
    candidate = port + (attempt % range);
  }
}
