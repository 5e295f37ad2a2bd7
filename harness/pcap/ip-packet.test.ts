import { describe, expect, it } from "vitest";
import { addressBytes } from "../../helpers/core/address.ts";
import { decodeIpPacket } from "./ip-packet.ts";
import {
  buildIpPacket,
  buildTcpSegment,
  buildUdpDatagram,
  IPPROTO_TCP,
  IPPROTO_UDP,
  TCP_ACK,
  TCP_PSH,
} from "./packet-build.ts";
import { concat } from "./test-captures.ts";

const text = new TextEncoder().encode("EPRT |2|2001:db8::2|1025|\r\n");
const c6 = addressBytes("2001:db8::2");
const s6 = addressBytes("2001:db8::5");
const fields = {
  sport: 40000,
  dport: 21,
  seq: 123456,
  ack: 1,
  flags: TCP_PSH | TCP_ACK,
  window: 100,
};

describe("decodeIpPacket", () => {
  it("decodes IPv6 + TCP to canonical addresses, ports, seq and payload", () => {
    const packet = buildIpPacket(c6, s6, IPPROTO_TCP, buildTcpSegment(c6, s6, fields, text), 0);
    const decoded = decodeIpPacket({ bytes: packet, offset: 54, announced: 6 }, false);
    expect(decoded).toMatchObject({
      family: 6,
      src: "2001:db8::2",
      dst: "2001:db8::5",
      l4: "tcp",
      sport: 40000,
      dport: 21,
      seq: 123456,
      flags: TCP_PSH | TCP_ACK,
      offset: 54,
    });
    expect(decoded?.payload).toEqual(text);
  });

  it("walks IPv6 extension headers to the transport", () => {
    const udp = buildUdpDatagram(c6, s6, 1, 69, Uint8Array.of(0, 1));
    const packet = buildIpPacket(
      c6,
      s6,
      0,
      concat([
        Uint8Array.of(60, 0, 1, 4, 0, 0, 0, 0),
        Uint8Array.of(IPPROTO_UDP, 0, 1, 4, 0, 0, 0, 0),
        udp,
      ]),
      0,
    );
    const decoded = decodeIpPacket({ bytes: packet, offset: 0, announced: null }, false);
    expect(decoded?.l4).toBe("udp");
    expect([...decoded!.payload]).toEqual([0, 1]);
  });

  it("ignores Ethernet padding after the IPv4 total length", () => {
    const a = addressBytes("10.0.0.1");
    const b = addressBytes("10.0.0.2");
    const packet = buildIpPacket(
      a,
      b,
      IPPROTO_UDP,
      buildUdpDatagram(a, b, 1, 69, Uint8Array.of(5)),
      0,
    );
    const decoded = decodeIpPacket(
      { bytes: concat([packet, new Uint8Array(17)]), offset: 0, announced: 4 },
      false,
    );
    expect([...decoded!.payload]).toEqual([5]);
  });

  it("skips other protocols and non-first fragments, marks first fragments", () => {
    const a = addressBytes("10.0.0.1");
    const icmp = buildIpPacket(a, a, 1, new Uint8Array(8), 0);
    expect(decodeIpPacket({ bytes: icmp, offset: 0, announced: 4 }, false)).toBeNull();
    const udp = buildIpPacket(
      a,
      a,
      IPPROTO_UDP,
      buildUdpDatagram(a, a, 1, 69, new Uint8Array(4)),
      0,
    );
    const later = udp.slice();
    later[7] = 1; // fragment offset 8 bytes
    expect(decodeIpPacket({ bytes: later, offset: 0, announced: 4 }, false)).toBeNull();
    const first = udp.slice();
    first[6] = 0x20; // more fragments
    expect(decodeIpPacket({ bytes: first, offset: 0, announced: 4 }, false)?.fragmented).toBe(true);
  });

  it("accepts a packet the capture cut short, marked as truncated", () => {
    const packet = buildIpPacket(c6, s6, IPPROTO_TCP, buildTcpSegment(c6, s6, fields, text), 0);
    const cut = packet.subarray(0, packet.length - 5);
    expect(() => decodeIpPacket({ bytes: cut, offset: 0, announced: 6 }, false)).toThrow(
      /IPv6 payload length/,
    );
    expect(decodeIpPacket({ bytes: cut, offset: 0, announced: 6 }, true)?.truncated).toBe(true);
  });
});
