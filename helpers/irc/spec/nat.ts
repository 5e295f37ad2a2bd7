// nf_nat_irc's rewrite (kernel-helpers.md §3.4): the region from the start of the DCC
// address to the end of the port digits becomes "<address> <port>".

/** "%u %u": the address as one unsigned decimal (a·2^24 + b·2^16 + c·2^8 + d), a single
 * space, the port. */
export function replacementText(address: number, port: number): string {
  return `${address >>> 0} ${port}`;
}

/** Replaces exactly [start, end) with the ASCII text. */
export function spliceText(data: Uint8Array, start: number, end: number, text: string): Uint8Array {
  const replacement = new TextEncoder().encode(text);
  const out = new Uint8Array(data.length - (end - start) + replacement.length);
  out.set(data.subarray(0, start), 0);
  out.set(replacement, start);
  out.set(data.subarray(end), start + replacement.length);
  return out;
}
