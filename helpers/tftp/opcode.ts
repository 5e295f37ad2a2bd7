// The TFTP opcode: the first two payload bytes, big-endian (RFC 1350). The kernel reads
// nothing else: filename, mode and options are never looked at.

export const TFTP_RRQ = 1;
export const TFTP_WRQ = 2;

/** The opcode, or -1 when the payload is shorter than the 2-byte header. */
export function tftpOpcode(data: Uint8Array): number {
  return data.length < 2 ? -1 : (data[0] << 8) | data[1];
}

/** RRQ and WRQ both ask the server to answer from a new port (its transfer ID). */
export function isTransferRequest(opcode: number): boolean {
  return opcode === TFTP_RRQ || opcode === TFTP_WRQ;
}
