// nf_nat_mangle_{tcp,udp}_packet on the message: one span of the payload replaced, the
// message length updated (*datalen += buflen - matchlen). Nothing is allocated when the
// replacement equals what is there.

import type { SipMessage } from "./connection.ts";

export function mangle(m: SipMessage, off: number, len: number, text: string): void {
  const data = m.data;
  const n = text.length;
  if (n === len) {
    let same = true;
    for (let i = 0; i < n; i++) {
      if (data[off + i] !== text.charCodeAt(i)) {
        same = false;
        break;
      }
    }
    if (same) return;
  }
  const out = new Uint8Array(data.length - len + n);
  out.set(data.subarray(0, off), 0);
  for (let i = 0; i < n; i++) out[off + i] = text.charCodeAt(i);
  out.set(data.subarray(off + len), off + n);
  m.data = out;
  m.length += n - len;
}
