// What one parsed FTP line yields (the kernel's nf_conntrack_man cmd plus matchoff/len).
// The helper keeps one instance for all connections: a packet is processed synchronously
// and nothing of the command outlives it, and a per-connection copy would add two heap
// objects (the command and its bytes) to every connection's footprint.

/** nf_ct_ftp_type: which command was matched; NAT picks its replacement format by it. */
export enum FtpCommandType {
  Port = 0,
  Pasv = 1,
  Eprt = 2,
  Epsv = 3,
}

export interface ParseOptions {
  /** The connection's family: EPRT's protocol digit must match it. */
  family: 4 | 6;
  /** The 2026-05 "avoid u16 overflows" fix: octets > 255 and ports > 65535 fail. */
  strict: boolean;
}

export class FtpCommand {
  /** Pre-filled with the sender's address; PORT/227/EPRT|1| overwrite the first 4
   * bytes, EPRT|2| all 16, 229 none (so it always names the sender). */
  readonly addr = new Uint8Array(16);
  port = 0;
  type = FtpCommandType.Port;
  /** The argument text a NAT rewrite replaces: data[matchOffset, matchOffset+matchLength). */
  matchOffset = 0;
  matchLength = 0;

  /** Only called once a keyword matched: a plain loop, because fill() plus set() are two
   * builtin calls that cost more than the whole common-case packet. */
  reset(sender: Uint8Array): void {
    const addr = this.addr;
    const n = sender.length;
    for (let i = 0; i < 16; i++) addr[i] = i < n ? sender[i] : 0;
    this.port = 0;
  }

  /** The u32 the kernel stores with htonl(): big-endian into the first 4 bytes. */
  setIPv4(value: number): void {
    this.addr[0] = value >>> 24;
    this.addr[1] = (value >>> 16) & 0xff;
    this.addr[2] = (value >>> 8) & 0xff;
    this.addr[3] = value & 0xff;
  }
}
