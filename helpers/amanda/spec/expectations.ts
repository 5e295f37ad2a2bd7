// The expectations of one Amanda master, with the insertion rules of nf_ct_expect_related
// (kernel-helpers.md §1.3) as they apply to it.
//
// Every Amanda expectation of one master has the same protocol, source, source mask and
// destination address; only dport varies. Two with the same dport are identical (same
// master, class 0) ⇒ the old one is replaced; two with different dports never overlap.
// So within one flow no insertion clashes (-EBUSY) and none fails: the non-NAT path never
// drops, and under NAT nf_nat_exp_find_port always gets its first choice, the parsed port.

import type { Expectation } from "../../core/model.ts";

function identical(a: Expectation, b: Expectation): boolean {
  return (
    a.l4 === b.l4 &&
    a.src === b.src &&
    a.sport === b.sport &&
    a.dst === b.dst &&
    a.dport === b.dport
  );
}

export class ExpectationList {
  /** Every creation, in order (replaced and evicted ones stay). */
  readonly created: Expectation[] = [];
  /** What the table holds now, oldest first. */
  live: Expectation[] = [];

  constructor(private readonly maxExpected: number) {}

  insert(expectation: Expectation): void {
    // §1.3 step 2: an identical one is removed first (the new one becomes the newest).
    this.live = this.live.filter((old) => !identical(old, expectation));
    // §1.3 step 3: at max_expected the oldest goes.
    if (this.live.length >= this.maxExpected) this.live.shift();
    this.live.push({ ...expectation });
    this.created.push({ ...expectation });
  }
}
