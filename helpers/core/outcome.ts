// Comparing two outcomes field by field: the differential property, replay and the kernel
// conformance run all use this one definition of "the same outcome".

import type { Expectation, Outcome, SegmentOutcome } from "./model.ts";

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameExpectation(a: Expectation, b: Expectation): boolean {
  return (
    a.l4 === b.l4 &&
    a.src === b.src &&
    a.sport === b.sport &&
    a.dst === b.dst &&
    a.dport === b.dport &&
    a.srcMask === b.srcMask &&
    a.permanent === b.permanent
  );
}

function sameSegment(a: SegmentOutcome, b: SegmentOutcome): boolean {
  return a.verdict === b.verdict && a.seq === b.seq && sameBytes(a.data, b.data);
}

/** Human-readable differences between two outcomes; empty when they are the same. */
export function outcomeDifferences(a: Outcome, b: Outcome): string[] {
  const differences: string[] = [];
  if (a.expectations.length !== b.expectations.length) {
    differences.push(`${a.expectations.length} vs ${b.expectations.length} expectations`);
  }
  const common = Math.min(a.expectations.length, b.expectations.length);
  for (let i = 0; i < common; i++) {
    if (!sameExpectation(a.expectations[i], b.expectations[i])) {
      differences.push(
        `expectation #${i}: ${JSON.stringify(a.expectations[i])} vs ${JSON.stringify(b.expectations[i])}`,
      );
    }
  }
  if (a.segments.length !== b.segments.length) {
    differences.push(`${a.segments.length} vs ${b.segments.length} segment outcomes`);
  }
  const segments = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < segments; i++) {
    const [x, y] = [a.segments[i], b.segments[i]];
    if (sameSegment(x, y)) continue;
    if (x.verdict !== y.verdict) differences.push(`segment #${i}: ${x.verdict} vs ${y.verdict}`);
    if (x.seq !== y.seq) differences.push(`segment #${i}: seq ${x.seq} vs ${y.seq}`);
    if (!sameBytes(x.data, y.data)) differences.push(`segment #${i}: forwarded bytes differ`);
  }
  return differences;
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  return outcomeDifferences(a, b).length === 0;
}
