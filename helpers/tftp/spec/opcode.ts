// The only thing the TFTP helper reads from a datagram (kernel-helpers.md §4.2).

/** RFC 1350 opcodes the helper acts on. */
const RRQ = 1;
const WRQ = 2;

/** The 2-byte big-endian opcode at the start of the payload; null when fewer than 2 bytes
 * (the kernel's header read fails ⇒ ACCEPT, nothing else). */
export function opcodeOf(payload: Uint8Array): number | null {
  if (payload.length < 2) return null;
  return (payload[0] << 8) | payload[1];
}

/** §4.2: RRQ and WRQ open the reply pinhole; DATA, ACK, ERROR, OACK and anything else do
 * not. Filename and mode are never looked at. */
export function isTransferRequest(payload: Uint8Array): boolean {
  const opcode = opcodeOf(payload);
  return opcode === RRQ || opcode === WRQ;
}
