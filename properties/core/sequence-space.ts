// 32-bit TCP sequence arithmetic, written here (not imported from helpers/core) so that the
// properties judge the driver with an independent implementation.

export const SEQ_MODULUS = 2 ** 32;

export function seqAdd(seq: number, delta: number): number {
  return (((seq + delta) % SEQ_MODULUS) + SEQ_MODULUS) % SEQ_MODULUS;
}

/** Serial-number "a is strictly after b" (RFC 1982, as the kernel's after()). */
export function seqAfter(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

/** Serial-number "a is strictly before b". */
export function seqBefore(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}
