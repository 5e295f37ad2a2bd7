// The reader on broken captures: each kind of damage is a PcapError (a FlowError, so the
// command line exits 2) whose message names the problem and the byte offset, never a crash.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flowToFrames, flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import { LINKTYPE_LINUX_SLL, LINKTYPE_RAW } from "../harness/pcap/link-layer.ts";
import { PcapError } from "../harness/pcap/pcap-error.ts";
import { flowsFromCapture } from "../harness/pcap/read-flows.ts";
import {
  classicCapture,
  concat,
  pcapngBlock,
  pcapngCapture,
  reframeEthernet,
} from "../harness/pcap/test-captures.ts";
import { type Flow, FlowError } from "../helpers/core/model.ts";

const text = (s: string) => new TextEncoder().encode(s);
const tcpFlow: Flow = {
  helper: "ftp",
  l4: "tcp",
  client: { addr: "10.0.0.2", port: 40000 },
  server: { addr: "203.0.113.5", port: 21 },
  segments: [{ dir: "orig", data: text("PORT 10,0,0,2,4,1\r\n") }],
};
const v6Flow: Flow = {
  ...tcpFlow,
  client: { addr: "2001:db8::2", port: 40000 },
  server: { addr: "2001:db8::5", port: 21 },
};
const udpFlow: Flow = { ...tcpFlow, helper: "tftp", l4: "udp" };

const valid = flowToPcap(tcpFlow);
/** The first data frame of a flow (Ethernet: IP header at 14, transport after it). */
const dataFrame = (flow: Flow) => flowToFrames(flow)[flow.l4 === "tcp" ? 3 : 0].data.slice();
/** A one-frame classic capture: frame data at file offset 40, IP header at 54. */
function oneFrame(flow: Flow, damage: (frame: Uint8Array) => Uint8Array | undefined): Uint8Array {
  const frame = dataFrame(flow);
  return classicCapture([{ data: damage(frame) ?? frame }]);
}
function patched(bytes: Uint8Array, at: number, ...values: number[]): Uint8Array {
  const copy = bytes.slice();
  copy.set(values, at);
  return copy;
}
const uint32LE = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];

const ng = pcapngCapture([{ data: dataFrame(tcpFlow) }]);
// pcapngCapture's layout: SHB 28 bytes, IDB 20, NRB 16, then the EPB at 64.
const EPB = 64;

const cases: [string, Uint8Array, RegExp, number][] = [
  ["empty file", new Uint8Array(0), /too short for a capture/, 0],
  ["bad magic", patched(valid, 0, 0xde, 0xad, 0xbe, 0xef), /bad magic 0xdeadbeef/, 0],
  ["truncated file header", valid.subarray(0, 10), /truncated pcap file header: 10 of 24/, 10],
  ["unsupported version", patched(valid, 4, 3, 0), /unsupported pcap version 3\.4/, 4],
  ["snaplen 0", patched(valid, 16, 0, 0, 0, 0), /snaplen is 0/, 16],
  ["truncated record header", valid.subarray(0, 30), /truncated record header: 6 of 16/, 24],
  ["truncated record data", valid.subarray(0, 50), /truncated record: 10 of 54 bytes/, 40],
  [
    "record longer than snaplen",
    patched(valid, 16, ...uint32LE(40)),
    /record of 54 bytes is longer than the snaplen 40/,
    32,
  ],
  [
    "captured more than the original length",
    patched(valid, 36, ...uint32LE(20)),
    /captures 54 bytes of a 20-byte frame/,
    32,
  ],
  ["unsupported link type", patched(valid, 20, 147, 0), /unsupported link type 147/, 40],
  [
    "truncated Ethernet header",
    oneFrame(tcpFlow, (f) => f.subarray(0, 9)),
    /truncated Ethernet header: 9 of 14/,
    40,
  ],
  [
    "truncated VLAN tag",
    oneFrame(tcpFlow, (f) => reframeEthernet(f, "vlan").subarray(0, 15)),
    /truncated VLAN tag/,
    52,
  ],
  [
    "truncated Linux cooked header",
    classicCapture([{ data: new Uint8Array(9) }], { linkType: LINKTYPE_LINUX_SLL }),
    /truncated Linux cooked \(SLL\) header: 9 of 16/,
    40,
  ],
  [
    "IP version differs from the ether type",
    oneFrame(tcpFlow, (f) => patched(f, 14, 0x65)),
    /IP version 6 in a frame announced as IPv4/,
    54,
  ],
  [
    "bad IP version",
    classicCapture([{ data: Uint8Array.of(0x75, 0, 0, 20) }], { linkType: LINKTYPE_RAW }),
    /bad IP version 7/,
    40,
  ],
  [
    "bad IPv4 header length",
    oneFrame(tcpFlow, (f) => patched(f, 14, 0x44)),
    /bad IPv4 header length 16/,
    54,
  ],
  [
    "IPv4 header length beyond the frame",
    oneFrame(tcpFlow, (f) => patched(f, 14, 0x4f).subarray(0, 50)),
    /IPv4 header length 60 beyond the 36 bytes/,
    54,
  ],
  [
    "IPv4 total length shorter than its header",
    oneFrame(tcpFlow, (f) => patched(f, 16, 0, 12)),
    /IPv4 total length 12 shorter than its header/,
    56,
  ],
  [
    "IPv4 total length beyond the frame",
    oneFrame(tcpFlow, (f) => patched(f, 16, 0x05, 0xdc)),
    /IPv4 total length says 1500 bytes but the frame holds 59/,
    54,
  ],
  [
    "truncated IPv4 header",
    oneFrame(tcpFlow, (f) => f.subarray(0, 30)),
    /truncated IPv4 header: 16 of 20/,
    54,
  ],
  [
    "truncated IPv6 header",
    oneFrame(v6Flow, (f) => f.subarray(0, 40)),
    /truncated IPv6 header: 26 of 40/,
    54,
  ],
  ["IPv6 jumbogram", oneFrame(v6Flow, (f) => patched(f, 18, 0, 0)), /IPv6 payload length 0/, 58],
  [
    "IPv6 payload length beyond the frame",
    oneFrame(v6Flow, (f) => patched(f, 18, 0x10, 0)),
    /IPv6 payload length says 4136 bytes but the frame holds 79/,
    54,
  ],
  [
    "truncated IPv6 extension header",
    oneFrame(v6Flow, (f) => patched(f, 18, 0, 1, 0)),
    /truncated IPv6 extension header/,
    94,
  ],
  [
    "truncated TCP header",
    oneFrame(tcpFlow, (f) => patched(f, 16, 0, 30).subarray(0, 44)),
    /truncated TCP header: 10 of 20/,
    74,
  ],
  [
    "bad TCP data offset",
    oneFrame(tcpFlow, (f) => patched(f, 46, 0x30)),
    /bad TCP data offset 12/,
    86,
  ],
  [
    "TCP data offset beyond the segment",
    oneFrame(tcpFlow, (f) => patched(patched(f, 16, 0, 44), 46, 0x70).subarray(0, 58)),
    /TCP data offset 28 beyond the 24-byte segment/,
    86,
  ],
  [
    "truncated UDP header",
    oneFrame(udpFlow, (f) => patched(f, 16, 0, 24).subarray(0, 38)),
    /truncated UDP header: 4 of 8/,
    74,
  ],
  ["bad UDP length", oneFrame(udpFlow, (f) => patched(f, 38, 0, 7)), /bad UDP length 7/, 78],
  [
    "UDP length beyond the IP payload",
    oneFrame(udpFlow, (f) => patched(f, 38, 0x10, 0)),
    /UDP length 4096 beyond the 27-byte IP payload/,
    78,
  ],
  [
    "conversation packet cut by the snaplen",
    classicCapture([{ data: dataFrame(tcpFlow).subarray(0, 60), originalLength: 73 }]),
    /cut short by the capture/,
    54,
  ],
  [
    "fragmented conversation packet",
    oneFrame(tcpFlow, (f) => patched(f, 20, 0x20)),
    /fragments are not reassembled/,
    54,
  ],
  ["pcapng bad byte-order magic", patched(ng, 8, 1, 2, 3, 4), /bad pcapng byte-order magic/, 8],
  ["pcapng unsupported version", patched(ng, 12, 2), /unsupported pcapng version 2/, 12],
  [
    "pcapng block length not a multiple of 4",
    patched(ng, EPB + 4, 0x4e),
    /bad pcapng block length 78/,
    EPB + 4,
  ],
  [
    "pcapng truncated block",
    ng.subarray(0, ng.length - 8),
    /truncated pcapng block: 108 bytes declared, 100 left/,
    EPB + 4,
  ],
  [
    "pcapng trailing length differs",
    patched(ng, ng.length - 4, 0),
    /trailing length differs/,
    ng.length - 4,
  ],
  [
    "pcapng truncated block header",
    ng.subarray(0, EPB + 6),
    /truncated pcapng block header: 6 bytes left/,
    EPB,
  ],
  [
    "pcapng packet of an unknown interface",
    patched(ng, EPB + 8, 3),
    /names interface 3, but the section has 1/,
    EPB + 8,
  ],
  [
    "pcapng packet beyond its block",
    patched(ng, EPB + 20, 200),
    /packet of 200 bytes does not fit its 96-byte block/,
    EPB + 20,
  ],
  [
    "pcapng packet before any interface",
    concat([ng.subarray(0, 28), pcapngBlock(3, Uint8Array.of(1, 0, 0, 0, 9, 0, 0, 0), true)]),
    /names interface 0, but the section has 0/,
    36,
  ],
];

describe("reader on malformed captures", () => {
  it("reads the undamaged originals", () => {
    expect(flowsFromCapture(valid)).toHaveLength(1);
    expect(flowsFromCapture(ng)).toHaveLength(1);
    expect(flowsFromCapture(oneFrame(v6Flow, () => undefined))).toHaveLength(1);
    expect(
      flowsFromCapture(
        oneFrame(udpFlow, () => undefined),
        { helper: "tftp", port: 21 },
      ),
    ).toHaveLength(1);
  });

  it("covers at least 20 kinds of damage", () => {
    expect(new Set(cases.map(([name]) => name)).size).toBeGreaterThanOrEqual(20);
  });

  for (const [name, capture, problem, offset] of cases) {
    it(`rejects: ${name}`, () => {
      let caught: unknown;
      try {
        flowsFromCapture(capture);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PcapError);
      expect(caught).toBeInstanceOf(FlowError);
      const error = caught as PcapError;
      expect(error.message).toMatch(problem);
      expect(error.message).toContain(`(at byte offset ${offset})`);
      expect(error.offset).toBe(offset);
    });
  }

  it("answers any damage to a capture with flows or a PcapError, nothing else", () => {
    const originals = [
      valid,
      ng,
      flowToPcap(v6Flow),
      flowToPcap(udpFlow),
      pcapngCapture([{ data: dataFrame(v6Flow) }], { simple: true }),
    ];
    const damage = fc.record({
      original: fc.constantFrom(...originals),
      flips: fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 6 }),
      cut: fc.option(fc.nat()),
    });
    fc.assert(
      fc.property(damage, ({ original, flips, cut }) => {
        const bytes = original.slice(0, cut === null ? undefined : cut % (original.length + 1));
        for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
        try {
          expect(Array.isArray(flowsFromCapture(bytes))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(PcapError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
