// The two SANE network messages the kernel reads (nf_conntrack_sane, Linux 6.18), both
// big-endian words at fixed offsets:
//   request (ORIGINAL, exactly 8 bytes): RPC code (be32), handle (be32);
//   SANE_NET_START reply (REPLY, 8 bytes or more): status (be32), zero (be16), port (be16).
// The real protocol's port is one 32-bit word; the kernel reads its high half as "zero".

export const SANE_NET_START = 7;
export const REQUEST_LENGTH = 8;
export const REPLY_HEAD_LENGTH = 8;

/** A client segment that names a request: exactly 8 bytes (anything else is not looked at). */
export function isRequest(data: Uint8Array): boolean {
  return data.length === REQUEST_LENGTH;
}

/** Whether an 8-byte request is SANE_NET_START (RPC code 7, any handle). */
export function isStartRequest(data: Uint8Array): boolean {
  return data[0] === 0 && data[1] === 0 && data[2] === 0 && data[3] === SANE_NET_START;
}

/** The data port a SANE_NET_START reply announces: status SUCCESS (0) and a zero "zero"
 * field, then the be16 at bytes 6–7 (0 included: the kernel does not check it). -1 when
 * the reply is shorter than 8 bytes, refused, or malformed. */
export function startReplyPort(data: Uint8Array): number {
  if (data.length < REPLY_HEAD_LENGTH) return -1;
  if ((data[0] | data[1] | data[2] | data[3] | data[4] | data[5]) !== 0) return -1;
  return (data[6] << 8) | data[7];
}
