// Shared by spec models only; never imported by fast helpers, and never imports fast-helper
// mechanics (docs/ARCHITECTURE.md, layout).
//
// The expectations of one master connection, with the insertion rules of
// nf_ct_expect_related (kernel-helpers.md §1.3) as they apply within one flow: a single
// master, one or more expectation classes (SIP: signalling, audio, video, image).

import { addressBytes } from "../core/address.ts";
import type { Expectation } from "../core/model.ts";
import { reach } from "./behaviour.ts";

/** §1.3: ok, -EBUSY (clash), -EALREADY (identical, other class). */
export type InsertResult = "ok" | "busy" | "already";

function identical(a: Expectation, b: Expectation): boolean {
  return (
    a.l4 === b.l4 &&
    a.src === b.src &&
    a.sport === b.sport &&
    a.dst === b.dst &&
    a.dport === b.dport &&
    a.srcMask === b.srcMask
  );
}

/** The source-address mask as bytes: all zero for a wildcard, the srcMask prefix when
 * given (the broadcast helpers' netmask, §8), all ones otherwise. */
function sourceMask(e: Expectation, length: number): number[] {
  const bits = e.src === null ? 0 : (e.srcMask ?? length * 8);
  return Array.from({ length }, (_, i) => {
    const inByte = Math.max(0, Math.min(8, bits - i * 8));
    return (0xff << (8 - inByte)) & 0xff;
  });
}

/** §1.3 clash: equal under the intersection of both source masks (a null = wildcard
 * field matches anything), destination exact. */
function clashes(a: Expectation, b: Expectation): boolean {
  let sourceMatches = true;
  if (a.src !== null && b.src !== null) {
    const [x, y] = [addressBytes(a.src), addressBytes(b.src)];
    const [ma, mb] = [sourceMask(a, x.length), sourceMask(b, y.length)];
    sourceMatches =
      x.length === y.length && x.every((byte, i) => ((byte ^ y[i]) & ma[i] & mb[i]) === 0);
  }
  const sportMatches = a.sport === null || b.sport === null || a.sport === b.sport;
  return a.l4 === b.l4 && a.dst === b.dst && a.dport === b.dport && sourceMatches && sportMatches;
}

/** One live entry: the expectation and its class (§1.2; 0 for every helper but SIP). */
export interface LiveExpectation {
  expectation: Expectation;
  expectClass: number;
}

export class ExpectationList {
  /** Every creation, in order (replaced and evicted ones stay). */
  readonly created: Expectation[] = [];
  /** What the table holds now, oldest first, with classes. */
  private entries: LiveExpectation[] = [];
  private readonly maxExpected: readonly number[];

  /** @param maxExpected the helper policy's max_expected, one number for a helper with one
   * class or one per class (index = class); §1.3 step 3: 0 = unlimited. */
  constructor(maxExpected: number | readonly number[]) {
    this.maxExpected = typeof maxExpected === "number" ? [maxExpected] : [...maxExpected];
  }

  /** What the table holds now, oldest first. */
  get live(): Expectation[] {
    return this.entries.map((entry) => entry.expectation);
  }

  /** The live entries with their classes, oldest first. */
  get liveEntries(): readonly LiveExpectation[] {
    return this.entries;
  }

  insert(expectation: Expectation, expectClass = 0): InsertResult {
    // §1.3 step 2: an identical one of the same master and class is replaced, and the new
    // one is then the newest; identical but of another class ⇒ -EALREADY; otherwise a
    // clash refuses the new one. (One flow = one master.)
    const same = this.entries.findIndex((old) => identical(old.expectation, expectation));
    if (same !== -1) {
      if (this.entries[same].expectClass !== expectClass) {
        reach("expectation: identical one of another class, refused");
        return "already";
      }
      reach("expectation: identical one replaced");
      this.entries.splice(same, 1);
    } else if (this.entries.some((old) => clashes(old.expectation, expectation))) {
      reach("expectation: clashes with a live one, refused");
      return "busy";
    }
    // §1.3 step 3: at max_expected of this class the oldest of the class is evicted (one
    // master holds at most max_expected per class, so one eviction always makes room).
    const limit = this.maxExpected[expectClass] ?? 0;
    const ofClass = this.entries.filter((entry) => entry.expectClass === expectClass);
    if (limit !== 0 && ofClass.length >= limit) {
      reach("expectation: oldest evicted at max_expected");
      this.entries.splice(this.entries.indexOf(ofClass[0]), 1);
    }
    this.entries.push({ expectation: { ...expectation }, expectClass });
    this.created.push({ ...expectation });
    return "ok";
  }

  /** nf_ct_unexpect_related: the NAT half failed after inserting; the creation stays
   * recorded. */
  remove(expectation: Expectation): void {
    this.entries = this.entries.filter((old) => !identical(old.expectation, expectation));
  }

  /** Removes live entries the test picks, newest first (the order of the master's list),
   * at most `limit` of them; returns how many went. A flush: nothing is recorded. */
  removeWhere(
    picks: (entry: LiveExpectation) => boolean,
    limit = Number.POSITIVE_INFINITY,
  ): number {
    let removed = 0;
    for (let i = this.entries.length - 1; i >= 0 && removed < limit; i--) {
      if (!picks(this.entries[i])) continue;
      this.entries.splice(i, 1);
      removed++;
    }
    return removed;
  }

  /** The newest live entry the test picks (a walk of the master's list), or null. */
  find(picks: (entry: LiveExpectation) => boolean): LiveExpectation | null {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (picks(this.entries[i])) return this.entries[i];
    }
    return null;
  }
}
