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

/** Two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom (standard table);
 * beyond 30 the normal 1.96 is within 4 %. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** t such that mean ± t·se covers the true mean 95 % of the time, for `df` degrees of
 * freedom (n − 1 of a sample of n). */
export function studentT95(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError("t quantile needs df ≥ 1");
  return df <= T_975.length ? T_975[df - 1] : 1.96;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("mean of no values");
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (n − 1). */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) throw new RangeError("standard deviation needs two values");
  const center = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - center) ** 2, 0) / (values.length - 1));
}
