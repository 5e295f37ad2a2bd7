// Shared by spec models only; never imported by fast helpers, and never imports fast-helper
// mechanics (docs/ARCHITECTURE.md, layout).
//
// nf_nat_exp_find_port (kernel-helpers.md §1.4, v6.1+): the NAT half inserts its
// expectation itself, trying the wanted port first and, on a clash (-EBUSY), up to
// min(128, 65535 − port) more. The kernel draws each retry at random from [port, 65535);
// the project's deterministic stand-in takes port+1, port+2, ... wrapping inside that range.
// Any other refusal ends the search. 0 = failure.

import type { Expectation } from "../core/model.ts";
import type { ExpectationList } from "./expectation-list.ts";

const MAX_RETRIES = 128;
const USHRT_MAX = 65535;

export function findExpectationPort(
  list: ExpectationList,
  expectation: Expectation,
  expectClass: number,
  port: number,
): number {
  const range = USHRT_MAX - port;
  let retriesLeft = Math.min(MAX_RETRIES, range);
  let candidate = port;
  for (let attempt = 1; ; attempt++) {
    const result = list.insert({ ...expectation, dport: candidate }, expectClass);
    if (result === "ok") return candidate;
    if (result !== "busy" || --retriesLeft < 0) return 0;
    candidate = port + (attempt % range);
  }
}
