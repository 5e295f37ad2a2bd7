// The kernel's DCC type table (dccprotos): exact, case-sensitive, each with its space.
// RESUME and ACCEPT are not in it: they name no address, so they never open a pinhole.

const DCC_TYPES: readonly Uint8Array[] = ["SEND ", "CHAT ", "MOVE ", "TSEND ", "SCHAT "].map(
  (type) => Uint8Array.from(type, (c) => c.charCodeAt(0)),
);

function startsWith(data: Uint8Array, at: number, limit: number, word: Uint8Array): boolean {
  if (limit - at < word.length) return false;
  for (let k = 0; k < word.length; k++) if (data[at + k] !== word[k]) return false;
  return true;
}

/** Length of the table entry data[at...] starts with (its space included), 0 for none. */
export function dccTypeLength(data: Uint8Array, at: number, limit: number): number {
  const first = data[at];
  for (let t = 0; t < DCC_TYPES.length; t++) {
    const type = DCC_TYPES[t];
    if (type[0] === first && startsWith(data, at, limit, type)) return type.length;
  }
  return 0;
}

/** Whether data[at, limit) starts with `word` byte for byte. */
export function bytesAt(data: Uint8Array, at: number, limit: number, word: Uint8Array): boolean {
  return startsWith(data, at, limit, word);
}
