// The fields of a SANE_NET_START reply the kernel reads, and the RPC code of a request:
// written here from the protocol (not imported from the helper), so that the properties
// judge the helper with their own reading.

export interface ReplyHead {
  status: number;
  zero: number;
  port: number;
}

/** status (be32), zero (be16), port (be16); null below 8 bytes. */
export function replyHead(data: Uint8Array): ReplyHead | null {
  if (data.length < 8) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { status: view.getUint32(0), zero: view.getUint16(4), port: view.getUint16(6) };
}

/** An exactly-8-byte client segment whose RPC code is SANE_NET_START (7). */
export function isStartRequest(data: Uint8Array): boolean {
  if (data.length !== 8) return false;
  return new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0) === 7;
}
