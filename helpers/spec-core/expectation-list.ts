// Shared by spec models only; never imported by fast helpers, and never imports fast-helper
// mechanics (docs/ARCHITECTURE.md, layout).
//
// The expectations of one master connection, with the insertion rules of
// nf_ct_expect_related (kernel-helpers.md §1.3) as they apply within one flow: a single
// master, a single expectation class.

import type { Expectation } from "../core/model.ts";

export type InsertResult = "ok" | "busy";

function identical(a: Expectation, b: Expectation): boolean {
  return (
    a.l4 === b.l4 &&
    a.src === b.src &&
    a.sport === b.sport &&
    a.dst === b.dst &&
    a.dport === b.dport
  );
}

/** §1.3 clash: equal under the intersection of both source masks (a null = wildcard
 * field matches anything), destination exact. */
function clashes(a: Expectation, b: Expectation): boolean {
  const sourceMatches = a.src === null || b.src === null || a.src === b.src;
  const sportMatches = a.sport === null || b.sport === null || a.sport === b.sport;
  return a.l4 === b.l4 && a.dst === b.dst && a.dport === b.dport && sourceMatches && sportMatches;
}

export class ExpectationList {
  /** Every creation, in order (replaced and evicted ones stay). */
  readonly created: Expectation[] = [];
  /** What the table holds now, oldest first. */
  live: Expectation[] = [];

  /** @param maxExpected the helper policy's max_expected; §1.3 step 3: 0 = unlimited. */
  constructor(private readonly maxExpected: number) {}

  insert(expectation: Expectation): InsertResult {
    // §1.3 step 2: an identical one (same master, same class: always so here) is
    // replaced, and the new one is then the newest; otherwise a clash refuses the new one.
    const same = this.live.findIndex((old) => identical(old, expectation));
    if (same !== -1) {
      this.live.splice(same, 1);
    } else if (this.live.some((old) => clashes(old, expectation))) {
      return "busy";
    }
    // §1.3 step 3: at max_expected the oldest is evicted (one master holds at most
    // max_expected, so one eviction always makes room).
    if (this.maxExpected !== 0 && this.live.length >= this.maxExpected) this.live.shift();
    this.live.push({ ...expectation });
    this.created.push({ ...expectation });
    return "ok";
  }

  /** nf_ct_unexpect_related: the NAT half failed after inserting; the creation stays
   * recorded. */
  remove(expectation: Expectation): void {
    this.live = this.live.filter((old) => !identical(old, expectation));
  }
}
