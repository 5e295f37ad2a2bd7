import { describe, expect, it } from "vitest";
import { addressBytes } from "../../helpers/core/address.ts";
import type { CapturedFrame } from "./capture-file.ts";
import {
  ipPayloadOfFrame,
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_RAW,
} from "./link-layer.ts";
import {
  buildEthernetFrame,
  buildIpPacket,
  buildUdpDatagram,
  IPPROTO_UDP,
} from "./packet-build.ts";
import { type Framing, reframeEthernet } from "./test-captures.ts";

const src = addressBytes("192.0.2.1");
const dst = addressBytes("192.0.2.2");
const packet = buildIpPacket(
  src,
  dst,
  IPPROTO_UDP,
  buildUdpDatagram(src, dst, 1, 69, Uint8Array.of(7)),
  1,
);
const ethernet = buildEthernetFrame(new Uint8Array(6), new Uint8Array(6), 0x0800, packet);
const frame = (linkType: number, data: Uint8Array): CapturedFrame => ({
  linkType,
  data,
  originalLength: data.length,
  offset: 100,
});

describe("ipPayloadOfFrame", () => {
  const cases: [Framing | "ethernet", number, number][] = [
    ["ethernet", LINKTYPE_ETHERNET, 14],
    ["vlan", LINKTYPE_ETHERNET, 18],
    ["qinq", LINKTYPE_ETHERNET, 22],
    ["raw", LINKTYPE_RAW, 0],
    ["sll", LINKTYPE_LINUX_SLL, 16],
    ["sll2", LINKTYPE_LINUX_SLL2, 20],
  ];
  for (const [framing, linkType, headerLength] of cases) {
    it(`finds the IP packet behind ${framing}`, () => {
      const data = framing === "ethernet" ? ethernet : reframeEthernet(ethernet, framing);
      const ip = ipPayloadOfFrame(frame(linkType, data));
      expect(ip?.bytes).toEqual(packet);
      expect(ip?.offset).toBe(100 + headerLength);
    });
  }

  it("passes over frames that carry no IP (ARP)", () => {
    const arp = buildEthernetFrame(
      new Uint8Array(6),
      new Uint8Array(6),
      0x0806,
      new Uint8Array(28),
    );
    expect(ipPayloadOfFrame(frame(LINKTYPE_ETHERNET, arp))).toBeNull();
  });

  it("rejects an unknown link type and a short Ethernet header", () => {
    expect(() => ipPayloadOfFrame(frame(147, packet))).toThrow(
      /unsupported link type 147 \(at byte offset 100\)/,
    );
    expect(() => ipPayloadOfFrame(frame(LINKTYPE_ETHERNET, new Uint8Array(10)))).toThrow(
      /truncated Ethernet header/,
    );
  });
});
