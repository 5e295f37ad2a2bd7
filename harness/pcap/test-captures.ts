// Builders for captures in the formats and link types the writer does not produce (other
// byte orders, nanosecond magic, pcapng, raw IP, Linux cooked, VLAN tags), so the reader's
// tests can feed it the same frames in every form. Test support only.

import { LINKTYPE_ETHERNET } from "./savefile.ts";

export interface FixtureFrame {
  data: Uint8Array;
  /** Defaults to data.length. */
  originalLength?: number;
}

export interface ClassicOptions {
  littleEndian?: boolean;
  nanoseconds?: boolean;
  linkType?: number;
  snaplen?: number;
}

export function classicCapture(
  frames: readonly FixtureFrame[],
  options: ClassicOptions = {},
): Uint8Array {
  const le = options.littleEndian ?? true;
  const parts: Uint8Array[] = [];
  const header = new DataView(new ArrayBuffer(24));
  header.setUint32(0, options.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, le);
  header.setUint16(4, 2, le);
  header.setUint16(6, 4, le);
  header.setUint32(16, options.snaplen ?? 262144, le);
  header.setUint32(20, options.linkType ?? LINKTYPE_ETHERNET, le);
  parts.push(new Uint8Array(header.buffer));
  frames.forEach((frame, i) => {
    const record = new DataView(new ArrayBuffer(16));
    record.setUint32(0, 1_700_000_000 + i, le);
    record.setUint32(4, options.nanoseconds ? 999_999_999 : 999_999, le);
    record.setUint32(8, frame.data.length, le);
    record.setUint32(12, frame.originalLength ?? frame.data.length, le);
    parts.push(new Uint8Array(record.buffer), frame.data);
  });
  return concat(parts);
}

export interface PcapngOptions {
  littleEndian?: boolean;
  linkType?: number;
  /** 0 = unlimited. */
  snaplen?: number;
  /** Simple packet blocks instead of enhanced ones. */
  simple?: boolean;
}

/** One section, one interface, a name-resolution block to skip, then the packets. */
export function pcapngCapture(
  frames: readonly FixtureFrame[],
  options: PcapngOptions = {},
): Uint8Array {
  const le = options.littleEndian ?? true;
  const shbBody = new DataView(new ArrayBuffer(16));
  shbBody.setUint32(0, 0x1a2b3c4d, le);
  shbBody.setUint16(4, 1, le);
  shbBody.setUint16(6, 0, le);
  shbBody.setInt32(8, -1, le);
  shbBody.setInt32(12, -1, le);
  const idbBody = new DataView(new ArrayBuffer(8));
  idbBody.setUint16(0, options.linkType ?? LINKTYPE_ETHERNET, le);
  idbBody.setUint32(4, options.snaplen ?? 0, le);
  const blocks = [
    pcapngBlock(0x0a0d0d0a, new Uint8Array(shbBody.buffer), le),
    pcapngBlock(1, new Uint8Array(idbBody.buffer), le),
    // An empty name-resolution block (just the end-of-records marker): must be skipped.
    pcapngBlock(4, new Uint8Array(4), le),
  ];
  frames.forEach((frame, i) => {
    const original = frame.originalLength ?? frame.data.length;
    if (options.simple) {
      const head = new DataView(new ArrayBuffer(4));
      head.setUint32(0, original, le);
      blocks.push(pcapngBlock(3, concat([new Uint8Array(head.buffer), padded(frame.data)]), le));
    } else {
      const head = new DataView(new ArrayBuffer(20));
      head.setUint32(0, 0, le);
      head.setUint32(4, 0x5_0000, le);
      head.setUint32(8, i, le);
      head.setUint32(12, frame.data.length, le);
      head.setUint32(16, original, le);
      blocks.push(pcapngBlock(6, concat([new Uint8Array(head.buffer), padded(frame.data)]), le));
    }
  });
  return concat(blocks);
}

/** A block with its type, both length fields and the body (already padded to 4). */
export function pcapngBlock(type: number, body: Uint8Array, le: boolean): Uint8Array {
  const length = 12 + body.length;
  const head = new DataView(new ArrayBuffer(8));
  head.setUint32(0, type, le);
  head.setUint32(4, length, le);
  const tail = new DataView(new ArrayBuffer(4));
  tail.setUint32(0, length, le);
  return concat([new Uint8Array(head.buffer), body, new Uint8Array(tail.buffer)]);
}

function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 4) * 4);
  out.set(data);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export type Framing = "raw" | "sll" | "sll2" | "vlan" | "qinq";

/** An Ethernet frame re-framed: its IP packet under another link layer, or with tags. */
export function reframeEthernet(frame: Uint8Array, framing: Framing): Uint8Array {
  const etherType = frame.subarray(12, 14);
  const ip = frame.subarray(14);
  switch (framing) {
    case "raw":
      return ip.slice();
    case "sll": {
      // packet type 0 (to us), ARPHRD_ETHER, address length 6, address (8 bytes), protocol.
      const header = Uint8Array.of(0, 0, 0, 1, 0, 6, ...frame.subarray(6, 12), 0, 0, ...etherType);
      return concat([header, ip]);
    }
    case "sll2": {
      // protocol, reserved, interface index, ARPHRD_ETHER, packet type, address length, address.
      const header = Uint8Array.of(
        ...etherType,
        0,
        0,
        0,
        0,
        0,
        2,
        0,
        1,
        0,
        6,
        ...frame.subarray(6, 12),
        0,
        0,
      );
      return concat([header, ip]);
    }
    case "vlan":
      return concat([
        frame.subarray(0, 12),
        Uint8Array.of(0x81, 0x00, 0x00, 0x2a),
        frame.subarray(12),
      ]);
    case "qinq":
      return concat([
        frame.subarray(0, 12),
        Uint8Array.of(0x88, 0xa8, 0x00, 0x07, 0x81, 0x00, 0x00, 0x2a),
        frame.subarray(12),
      ]);
  }
}
