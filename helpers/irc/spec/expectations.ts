// The expectations of one IRC master, with the insertion rules of nf_ct_expect_related
// (kernel-helpers.md §1.3, §13 item 13).

import type { Expectation } from "../../core/model.ts";

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

/** §1.3 clash: equal under the intersection of both source masks (null = wildcard),
 * destination exact. */
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

  /** @param maxExpected the policy's max_expected (max_dcc_channels, ≥ 1). */
  constructor(private readonly maxExpected: number) {}

  insert(expectation: Expectation): InsertResult {
    // §1.3 step 2: an identical one of this master and class is replaced (and is then
    // the newest); otherwise a clash refuses the new one. Every IRC expectation has the
    // same all-wildcard source, so for IRC a clash is always an identical one: "busy"
    // never comes back from a single flow.
    const same = this.live.findIndex((old) => identical(old, expectation));
    if (same !== -1) {
      this.live.splice(same, 1);
    } else if (this.live.some((old) => clashes(old, expectation))) {
      return "busy";
    }
    // §1.3 step 3: at max_expected the oldest is evicted; one eviction always makes room.
    if (this.live.length >= this.maxExpected) this.live.shift();
    this.live.push({ ...expectation });
    this.created.push({ ...expectation });
    return "ok";
  }

  /** nf_ct_unexpect_related: the NAT half failed after inserting. */
  remove(expectation: Expectation): void {
    this.live = this.live.filter((old) => !identical(old, expectation));
  }
}
