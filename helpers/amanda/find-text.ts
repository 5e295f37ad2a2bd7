// skb_find_text: the first occurrence of a byte pattern that lies wholly inside
// [from, to), where the search also stops at the end of the data (to may lie past it
// once an earlier NAT rewrite shortened the payload).

/** Absolute offset of the first match, or -1. */
export function findText(data: Uint8Array, pattern: Uint8Array, from: number, to: number): number {
  const last = Math.min(to, data.length) - pattern.length;
  const first = pattern[0];
  outer: for (let i = from; i <= last; i++) {
    if (data[i] !== first) continue;
    for (let k = 1; k < pattern.length; k++) if (data[i + k] !== pattern[k]) continue outer;
    return i;
  }
  return -1;
}
