// Robust statistics for noisy timings: medians and MADs, because one preempted sample on a
// shared 2-core machine must not move the figure the gate compares.

/** Normal-consistency factor: 1.4826·MAD estimates σ for normally distributed data. */
const MAD_TO_SIGMA = 1.4826;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median absolute deviation from the median (unscaled). */
export function mad(values: readonly number[]): number {
  const center = median(values);
  return median(values.map((v) => Math.abs(v - center)));
}

/** Robust relative spread: 1.4826·MAD / median, i.e. the σ of one value as a fraction. */
export function relativeSpread(values: readonly number[]): number {
  const center = median(values);
  if (center === 0) return 0;
  return (MAD_TO_SIGMA * mad(values)) / Math.abs(center);
}

/** Standard error of a median of n values whose own relative σ is `spread`
 * (asymptotic efficiency of the median: √(π/2)·σ/√n). */
export function medianStandardError(spread: number, n: number): number {
  if (n < 1) throw new RangeError("standard error of no values");
  return (Math.sqrt(Math.PI / 2) * spread) / Math.sqrt(n);
}
