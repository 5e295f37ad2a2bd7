// One master's expectations with nf_ct_expect_related's rules (stable, timer based).
// Timeouts are not modelled: a flow is far shorter than any policy timeout.

import { addressBytes } from "./address.ts";
import type {
  ExpectationMatch,
  ExpectationRequest,
  ExpectationStore,
  ExpectResult,
  HelperPolicy,
} from "./helper.ts";
import type { Expectation } from "./model.ts";

interface LiveEntry {
  expectation: Expectation;
  expectClass: number;
}

function sameTupleAndMask(a: Expectation, b: Expectation): boolean {
  return (
    a.l4 === b.l4 &&
    a.dst === b.dst &&
    a.dport === b.dport &&
    a.src === b.src &&
    a.sport === b.sport &&
    a.srcMask === b.srcMask
  );
}

/** The source-address prefix an expectation fixes: 0 for a wildcard, srcMask when masked,
 * the whole address otherwise. */
function srcPrefix(e: Expectation): number {
  if (e.src === null) return 0;
  return e.srcMask ?? addressBytes(e.src).length * 8;
}

/** The first `bits` bits of two addresses agree. */
function samePrefix(a: string, b: string, bits: number): boolean {
  const [x, y] = [addressBytes(a), addressBytes(b)];
  if (x.length !== y.length) return false;
  for (let bit = 0; bit < bits; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((x[bit >> 3] & mask) !== (y[bit >> 3] & mask)) return false;
  }
  return true;
}

/** expect_clash: equal under the intersection of both source masks; dst always exact. */
function clash(a: Expectation, b: Expectation): boolean {
  if (a.l4 !== b.l4 || a.dst !== b.dst || a.dport !== b.dport) return false;
  const bits = Math.min(srcPrefix(a), srcPrefix(b));
  if (bits > 0 && !samePrefix(a.src as string, b.src as string, bits)) return false;
  if (a.sport !== null && b.sport !== null && a.sport !== b.sport) return false;
  return true;
}

function plain(request: ExpectationRequest): Expectation {
  const expectation: Expectation = {
    l4: request.l4,
    src: request.src,
    sport: request.sport,
    dst: request.dst,
    dport: request.dport,
  };
  if (request.srcMask !== undefined) expectation.srcMask = request.srcMask;
  if (request.permanent) expectation.permanent = true;
  return expectation;
}

export class ExpectationTable implements ExpectationStore {
  /** Every expectation inserted, in order, including replaced and evicted ones. */
  readonly created: Expectation[] = [];
  /** Newest first, like the master's list and the hash bucket. */
  private readonly entries: LiveEntry[] = [];

  private readonly maxByClass: readonly number[];

  /** max_expected of class 0, or one per class; a missing class or 0 means unlimited. */
  constructor(maxExpected: number | readonly number[]) {
    this.maxByClass = typeof maxExpected === "number" ? [maxExpected] : maxExpected;
  }

  private maxExpected(expectClass: number): number {
    return this.maxByClass[expectClass] ?? 0;
  }

  expect(request: ExpectationRequest): ExpectResult {
    const expectClass = request.expectClass ?? 0;
    const entries = this.entries;
    // Scan newest first; the first identical entry is replaced and ends the scan, so
    // entries behind it are not clash-checked (as in the kernel).
    for (let i = 0; i < entries.length; i++) {
      const live = entries[i];
      if (sameTupleAndMask(live.expectation, request)) {
        if (live.expectClass !== expectClass) return "already";
        entries.splice(i, 1);
        break;
      }
      if (clash(live.expectation, request)) return "busy";
    }
    const max = this.maxExpected(expectClass);
    if (max > 0 && this.countOfClass(expectClass) >= max) {
      this.evictOldestOfClass(expectClass);
      if (this.countOfClass(expectClass) >= max) return "full";
    }
    const expectation = plain(request);
    entries.unshift({ expectation, expectClass });
    this.created.push(expectation);
    return "ok";
  }

  remove(match: ExpectationMatch, limit = Number.POSITIVE_INFINITY): number {
    let removed = 0;
    const entries = this.entries;
    for (let i = 0; i < entries.length && removed < limit; ) {
      const live = entries[i];
      if (match(live.expectation, live.expectClass)) {
        entries.splice(i, 1);
        removed++;
      } else {
        i++;
      }
    }
    return removed;
  }

  find(match: ExpectationMatch): Expectation | undefined {
    for (const live of this.entries) {
      if (match(live.expectation, live.expectClass)) return live.expectation;
    }
    return undefined;
  }

  /** What the table holds now, oldest first. */
  live(): Expectation[] {
    const out: Expectation[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) out.push(this.entries[i].expectation);
    return out;
  }

  private countOfClass(expectClass: number): number {
    let n = 0;
    for (const e of this.entries) if (e.expectClass === expectClass) n++;
    return n;
  }

  private evictOldestOfClass(expectClass: number): void {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i].expectClass === expectClass) {
        this.entries.splice(i, 1);
        return;
      }
    }
  }
}

/** The table for a helper's policy: one cap per class where the policy has several. */
export function expectationTableFor(policy: HelperPolicy): ExpectationTable {
  return new ExpectationTable(policy.maxExpectedByClass ?? policy.maxExpected);
}
