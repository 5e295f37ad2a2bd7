// Splits a capture file into its frames: classic libpcap (either byte order, microsecond or
// nanosecond magic) or pcapng (SHB, IDB, EPB, SPB; other blocks skipped). Every length is
// checked against the file before it is used, so a broken file is a PcapError naming the
// offset, never an exception from a typed array.

import { PcapError } from "./pcap-error.ts";

export interface CapturedFrame {
  linkType: number;
  /** The bytes captured (possibly fewer than were on the wire). */
  data: Uint8Array;
  /** The frame's length on the wire. */
  originalLength: number;
  /** Byte offset of data[0] in the file, for error messages. */
  offset: number;
}

const CLASSIC_HEADER_LENGTH = 24;
const CLASSIC_RECORD_LENGTH = 16;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_IDB = 0x00000001;
const PCAPNG_SPB = 0x00000003;
const PCAPNG_EPB = 0x00000006;
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export function readCaptureFrames(file: Uint8Array): CapturedFrame[] {
  if (file.length < 4)
    throw new PcapError(0, `file of ${file.length} bytes is too short for a capture`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const magicBE = view.getUint32(0, false);
  if (magicBE === PCAPNG_SHB) return readPcapng(file, view);
  const classic = classicByteOrder(view);
  if (classic !== null) return readClassic(file, view, classic);
  throw new PcapError(
    0,
    `bad magic 0x${magicBE.toString(16).padStart(8, "0")}: neither pcap nor pcapng`,
  );
}

/** Little-endian flag for a classic header, or null when the magic is not one. */
function classicByteOrder(view: DataView): boolean | null {
  for (const littleEndian of [true, false]) {
    const magic = view.getUint32(0, littleEndian);
    if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) return littleEndian;
  }
  return null;
}

function readClassic(file: Uint8Array, view: DataView, le: boolean): CapturedFrame[] {
  if (file.length < CLASSIC_HEADER_LENGTH) {
    throw new PcapError(file.length, `truncated pcap file header: ${file.length} of 24 bytes`);
  }
  const major = view.getUint16(4, le);
  if (major !== 2)
    throw new PcapError(4, `unsupported pcap version ${major}.${view.getUint16(6, le)}`);
  const snaplen = view.getUint32(16, le);
  if (snaplen === 0) throw new PcapError(16, "snaplen is 0");
  // The top bits of the link-type field carry FCS information (pcap-savefile(5)).
  const linkType = view.getUint32(20, le) & 0x0fffffff;
  const frames: CapturedFrame[] = [];
  let at = CLASSIC_HEADER_LENGTH;
  while (at < file.length) {
    if (file.length - at < CLASSIC_RECORD_LENGTH) {
      throw new PcapError(at, `truncated record header: ${file.length - at} of 16 bytes`);
    }
    const captured = view.getUint32(at + 8, le);
    const original = view.getUint32(at + 12, le);
    if (captured > snaplen) {
      throw new PcapError(
        at + 8,
        `record of ${captured} bytes is longer than the snaplen ${snaplen}`,
      );
    }
    if (captured > original) {
      throw new PcapError(at + 8, `record captures ${captured} bytes of a ${original}-byte frame`);
    }
    const dataAt = at + CLASSIC_RECORD_LENGTH;
    if (file.length - dataAt < captured) {
      throw new PcapError(dataAt, `truncated record: ${file.length - dataAt} of ${captured} bytes`);
    }
    frames.push({
      linkType,
      data: file.subarray(dataAt, dataAt + captured),
      originalLength: original,
      offset: dataAt,
    });
    at = dataAt + captured;
  }
  return frames;
}

interface PcapngInterface {
  linkType: number;
  snaplen: number;
}

function readPcapng(file: Uint8Array, view: DataView): CapturedFrame[] {
  const frames: CapturedFrame[] = [];
  let interfaces: PcapngInterface[] = [];
  let le = true;
  let at = 0;
  while (at < file.length) {
    if (file.length - at < 12)
      throw new PcapError(at, `truncated pcapng block header: ${file.length - at} bytes left`);
    const typeBE = view.getUint32(at, false);
    if (typeBE === PCAPNG_SHB) {
      // Each section states its own byte order.
      const order = view.getUint32(at + 8, true);
      if (order === PCAPNG_BYTE_ORDER_MAGIC) le = true;
      else if (view.getUint32(at + 8, false) === PCAPNG_BYTE_ORDER_MAGIC) le = false;
      else throw new PcapError(at + 8, "bad pcapng byte-order magic");
      interfaces = [];
    } else if (at === 0) {
      throw new PcapError(0, "pcapng file does not start with a section header block");
    }
    const type = view.getUint32(at, le);
    const length = view.getUint32(at + 4, le);
    if (length < 12 || length % 4 !== 0) {
      throw new PcapError(at + 4, `bad pcapng block length ${length}`);
    }
    if (length > file.length - at) {
      throw new PcapError(
        at + 4,
        `truncated pcapng block: ${length} bytes declared, ${file.length - at} left`,
      );
    }
    if (view.getUint32(at + length - 4, le) !== length) {
      throw new PcapError(
        at + length - 4,
        "pcapng block's trailing length differs from its leading one",
      );
    }
    const body = at + 8;
    const bodyLength = length - 12;
    if (type === PCAPNG_SHB) {
      if (bodyLength < 16) throw new PcapError(at, "pcapng section header block too short");
      const major = view.getUint16(body + 4, le);
      if (major !== 1) throw new PcapError(body + 4, `unsupported pcapng version ${major}`);
    } else if (type === PCAPNG_IDB) {
      if (bodyLength < 8) throw new PcapError(at, "pcapng interface block too short");
      interfaces.push({
        linkType: view.getUint16(body, le),
        snaplen: view.getUint32(body + 4, le),
      });
    } else if (type === PCAPNG_EPB) {
      frames.push(enhancedPacket(file, view, le, body, bodyLength, interfaces));
    } else if (type === PCAPNG_SPB) {
      frames.push(simplePacket(file, view, le, body, bodyLength, interfaces));
    }
    at += length;
  }
  return frames;
}

function interfaceFor(interfaces: PcapngInterface[], id: number, at: number): PcapngInterface {
  const found = interfaces[id];
  if (!found)
    throw new PcapError(
      at,
      `packet names interface ${id}, but the section has ${interfaces.length}`,
    );
  return found;
}

function enhancedPacket(
  file: Uint8Array,
  view: DataView,
  le: boolean,
  body: number,
  bodyLength: number,
  interfaces: PcapngInterface[],
): CapturedFrame {
  if (bodyLength < 20) throw new PcapError(body, "pcapng enhanced packet block too short");
  const iface = interfaceFor(interfaces, view.getUint32(body, le), body);
  const captured = view.getUint32(body + 12, le);
  const original = view.getUint32(body + 16, le);
  if (captured > bodyLength - 20) {
    throw new PcapError(
      body + 12,
      `packet of ${captured} bytes does not fit its ${bodyLength}-byte block`,
    );
  }
  if (iface.snaplen !== 0 && captured > iface.snaplen) {
    throw new PcapError(
      body + 12,
      `packet of ${captured} bytes is longer than the snaplen ${iface.snaplen}`,
    );
  }
  if (captured > original) {
    throw new PcapError(body + 12, `packet captures ${captured} bytes of a ${original}-byte frame`);
  }
  const dataAt = body + 20;
  return {
    linkType: iface.linkType,
    data: file.subarray(dataAt, dataAt + captured),
    originalLength: original,
    offset: dataAt,
  };
}

function simplePacket(
  file: Uint8Array,
  view: DataView,
  le: boolean,
  body: number,
  bodyLength: number,
  interfaces: PcapngInterface[],
): CapturedFrame {
  if (bodyLength < 4) throw new PcapError(body, "pcapng simple packet block too short");
  const iface = interfaceFor(interfaces, 0, body);
  const original = view.getUint32(body, le);
  // An SPB holds min(original, snaplen) bytes (padding follows); snaplen 0 means unlimited.
  const limit = iface.snaplen === 0 ? original : Math.min(original, iface.snaplen);
  if (limit > bodyLength - 4) {
    throw new PcapError(
      body,
      `simple packet of ${limit} bytes does not fit its ${bodyLength}-byte block`,
    );
  }
  const dataAt = body + 4;
  return {
    linkType: iface.linkType,
    data: file.subarray(dataAt, dataAt + limit),
    originalLength: original,
    offset: dataAt,
  };
}
