// nf_nat_irc's rewrite text (kernel-helpers.md §3.4): the region from the start of the DCC
// address to the end of the port digits becomes "<address> <port>"
// (spec-core/splice-text.ts puts it in place).

/** "%u %u": the address as one unsigned decimal (a·2^24 + b·2^16 + c·2^8 + d), a single
 * space, the port. */
export function replacementText(address: number, port: number): string {
  return `${address >>> 0} ${port}`;
}
