// skb_find_text as the Amanda helper uses it (kernel-helpers.md §5.2): a case-sensitive
// byte search for the first occurrence at or after `from` that lies wholly before `to`
// (since the 2023 "ignore patterns extending past 'to'" fix; see the report's doubts).

/** Offset of the first occurrence of `pattern` in payload[from, to), or null. `to` may
 * lie past the payload's end: the search never reads beyond the bytes that exist. */
export function findText(
  payload: Uint8Array,
  pattern: Uint8Array,
  from: number,
  to: number,
): number | null {
  const end = Math.min(to, payload.length);
  for (let at = from; at + pattern.length <= end; at++) {
    let matches = true;
    for (let i = 0; i < pattern.length && matches; i++) matches = payload[at + i] === pattern[i];
    if (matches) return at;
  }
  return null;
}
