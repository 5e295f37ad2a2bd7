// TCP sequence numbers live on a 2^32 circle; ordering is the kernel's serial-number
// compare (before()/after() in include/net/tcp.h): the signed 32-bit difference.

export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** a comes strictly before b on the circle. */
export function seqBefore(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

/** a comes strictly after b on the circle. */
export function seqAfter(a: number, b: number): boolean {
  return seqBefore(b, a);
}
