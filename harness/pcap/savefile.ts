// The classic libpcap savefile: a 24-byte file header, then one 16-byte record header per
// frame. Written little-endian with the microsecond magic, which every reader accepts.

export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
export const LINKTYPE_ETHERNET = 1;
/** Large enough for any frame we build (64 KiB IP packets), and what tcpdump uses. */
export const DEFAULT_SNAPLEN = 262144;

const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;

export interface SavefileFrame {
  /** Capture time in microseconds since the epoch. */
  timeMicros: number;
  data: Uint8Array;
}

export interface SavefileOptions {
  linkType?: number;
  snaplen?: number;
}

export function writeSavefile(
  frames: readonly SavefileFrame[],
  options: SavefileOptions = {},
): Uint8Array {
  const snaplen = options.snaplen ?? DEFAULT_SNAPLEN;
  let total = FILE_HEADER_LENGTH;
  for (const frame of frames) total += RECORD_HEADER_LENGTH + Math.min(frame.data.length, snaplen);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, PCAP_MAGIC_MICROSECONDS, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  // thiszone and sigfigs stay 0, as every modern writer leaves them.
  view.setUint32(16, snaplen, true);
  view.setUint32(20, options.linkType ?? LINKTYPE_ETHERNET, true);
  let at = FILE_HEADER_LENGTH;
  for (const frame of frames) {
    const captured = Math.min(frame.data.length, snaplen);
    view.setUint32(at, Math.floor(frame.timeMicros / 1e6), true);
    view.setUint32(at + 4, frame.timeMicros % 1e6, true);
    view.setUint32(at + 8, captured, true);
    view.setUint32(at + 12, frame.data.length, true);
    out.set(frame.data.subarray(0, captured), at + RECORD_HEADER_LENGTH);
    at += RECORD_HEADER_LENGTH + captured;
  }
  return out;
}
