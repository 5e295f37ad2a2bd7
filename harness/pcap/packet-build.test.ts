import { describe, expect, it } from "vitest";
import { addressBytes } from "../../helpers/core/address.ts";
import { finishChecksum, internetChecksum, pseudoHeaderSum, sumWords } from "./checksum.ts";
import {
  buildEthernetFrame,
  buildIpPacket,
  buildTcpSegment,
  buildUdpDatagram,
  IPPROTO_TCP,
  IPPROTO_UDP,
  TCP_ACK,
  TCP_PSH,
} from "./packet-build.ts";

const v4a = addressBytes("10.0.0.2");
const v4b = addressBytes("203.0.113.5");
const v6a = addressBytes("2001:db8::2");
const v6b = addressBytes("2001:db8::5");
const payload = new TextEncoder().encode("PORT 10,0,0,2,4,1\r\n");

function verifiesTo0(
  src: Uint8Array,
  dst: Uint8Array,
  protocol: number,
  segment: Uint8Array,
): number {
  return finishChecksum(sumWords(segment, pseudoHeaderSum(src, dst, protocol, segment.length)));
}

describe("buildTcpSegment", () => {
  it("writes ports, numbers, flags, a 20-byte data offset and a checksum that verifies", () => {
    const fields = {
      sport: 40000,
      dport: 21,
      seq: 0xfffffff0,
      ack: 7,
      flags: TCP_PSH | TCP_ACK,
      window: 65535,
    };
    const segment = buildTcpSegment(v4a, v4b, fields, payload);
    const view = new DataView(segment.buffer);
    expect(view.getUint16(0)).toBe(40000);
    expect(view.getUint16(2)).toBe(21);
    expect(view.getUint32(4)).toBe(0xfffffff0);
    expect(view.getUint32(8)).toBe(7);
    expect(segment[12] >> 4).toBe(5);
    expect(segment[13]).toBe(TCP_PSH | TCP_ACK);
    expect(segment.subarray(20)).toEqual(payload);
    expect(verifiesTo0(v4a, v4b, IPPROTO_TCP, segment)).toBe(0);
    expect(verifiesTo0(v6a, v6b, IPPROTO_TCP, buildTcpSegment(v6a, v6b, fields, payload))).toBe(0);
  });
});

describe("buildUdpDatagram", () => {
  it("sets the length and a verifying checksum over IPv6", () => {
    const datagram = buildUdpDatagram(v6a, v6b, 40000, 69, payload);
    expect(new DataView(datagram.buffer).getUint16(4)).toBe(8 + payload.length);
    expect(new DataView(datagram.buffer).getUint16(6)).not.toBe(0);
    expect(verifiesTo0(v6a, v6b, IPPROTO_UDP, datagram)).toBe(0);
  });
});

describe("buildIpPacket", () => {
  it("builds an IPv4 header whose checksum verifies and whose length covers the segment", () => {
    const packet = buildIpPacket(v4a, v4b, IPPROTO_UDP, new Uint8Array(12), 0x1234);
    expect(packet[0]).toBe(0x45);
    expect(new DataView(packet.buffer).getUint16(2)).toBe(32);
    expect(new DataView(packet.buffer).getUint16(4)).toBe(0x1234);
    expect(packet[9]).toBe(IPPROTO_UDP);
    expect(internetChecksum(packet.subarray(0, 20))).toBe(0);
  });

  it("builds an IPv6 header with payload length and next header", () => {
    const packet = buildIpPacket(v6a, v6b, IPPROTO_TCP, new Uint8Array(30), 0);
    expect(packet[0] >> 4).toBe(6);
    expect(new DataView(packet.buffer).getUint16(4)).toBe(30);
    expect(packet[6]).toBe(IPPROTO_TCP);
    expect(packet.subarray(8, 24)).toEqual(v6a);
    expect(packet.subarray(24, 40)).toEqual(v6b);
  });

  it("refuses a segment too long for IPv4", () => {
    expect(() => buildIpPacket(v4a, v4b, IPPROTO_TCP, new Uint8Array(65516), 0)).toThrow(
      /does not fit/,
    );
  });
});

describe("buildEthernetFrame", () => {
  it("puts destination, source and ether type before the payload", () => {
    const frame = buildEthernetFrame(
      Uint8Array.of(1, 1, 1, 1, 1, 1),
      Uint8Array.of(2, 2, 2, 2, 2, 2),
      0x86dd,
      Uint8Array.of(9),
    );
    expect([...frame]).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0x86, 0xdd, 9]);
  });
});
