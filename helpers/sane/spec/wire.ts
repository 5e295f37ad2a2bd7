// The SANE messages as the kernel reads them (kernel-helpers.md §7; struct sane_request
// and struct sane_reply_net_start of nf_conntrack_sane.c), all fields big-endian.

/** §7 SANE_NET_START, the RPC code of the request whose reply names the data port. */
const SANE_NET_START = 7;
/** §7 SANE_STATUS_SUCCESS */
const SANE_STATUS_SUCCESS = 0;

/** sizeof(struct sane_request): RPC_code (be32) + handle (be32). */
const REQUEST_SIZE = 8;
/** sizeof(struct sane_reply_net_start): status (be32) + zero (be16) + port (be16). */
const REPLY_SIZE = 8;

export interface NetStartReply {
  status: number;
  zero: number;
  port: number;
}

function view(payload: Uint8Array): DataView {
  return new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
}

/** §7 ORIGINAL: the RPC code of a payload of exactly 8 bytes; null for any other length
 * (the kernel then leaves the state as it is). */
export function requestCode(payload: Uint8Array): number | null {
  if (payload.length !== REQUEST_SIZE) return null;
  return view(payload).getUint32(0, false);
}

export function isNetStart(code: number): boolean {
  return code === SANE_NET_START;
}

/** §7 REPLY: the first 8 bytes read as a SANE_NET_START reply; null below 8 bytes. */
export function netStartReply(payload: Uint8Array): NetStartReply | null {
  if (payload.length < REPLY_SIZE) return null;
  const fields = view(payload);
  return {
    status: fields.getUint32(0, false),
    zero: fields.getUint16(4, false),
    port: fields.getUint16(6, false),
  };
}

/** §7: status SUCCESS and the zero field 0; the port itself is not validated (0 too). */
export function announcesPort(reply: NetStartReply): boolean {
  return reply.status === SANE_STATUS_SUCCESS && reply.zero === 0;
}
