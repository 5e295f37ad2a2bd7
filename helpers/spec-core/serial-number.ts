// Shared by spec models only; never imported by fast helpers, and never imports fast-helper
// mechanics (docs/ARCHITECTURE.md, layout).
//
// TCP and UDP seqs in an outcome live mod 2^32 (DESIGN.md); the kernel orders them with
// before()/after(), the serial-number compare that sequence tracking (kernel-helpers.md §2.3)
// and sequence adjustment (§1.5) rely on.

/** The value mod 2^32, for negative inputs too. */
export function u32(value: number): number {
  return ((value % 2 ** 32) + 2 ** 32) % 2 ** 32;
}

/** The kernel's before(a, b): the signed 32-bit difference a − b is negative. */
export function isBefore(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

/** The kernel's after(a, b) = before(b, a). */
export function isAfter(a: number, b: number): boolean {
  return isBefore(b, a);
}
