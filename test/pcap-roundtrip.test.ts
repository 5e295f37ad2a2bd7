// flow → pcap → reader → flow gives back the same segments: same directions, bytes and
// sequence offsets (retransmissions and reordering included), both families, TCP and UDP,
// whatever file format and link type carry the frames.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flowToFrames, flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import {
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_RAW,
} from "../harness/pcap/link-layer.ts";
import { flowsFromCapture } from "../harness/pcap/read-flows.ts";
import {
  classicCapture,
  type Framing,
  pcapngCapture,
  reframeEthernet,
} from "../harness/pcap/test-captures.ts";
import { canonicalAddress } from "../helpers/core/address.ts";
import { normalizeSegments } from "../helpers/core/driver.ts";
import type { Flow, Segment } from "../helpers/core/model.ts";

/** Offsets near the stream's start (overlaps, retransmissions, gaps) or anywhere mod 2^32. */
const seqArbitrary = fc.option(
  fc.oneof(fc.nat(300), fc.constantFrom(0xffff_fff0, 0xffff_ffff), fc.nat(0xffff_ffff)),
  { nil: undefined, freq: 2 },
);

function segmentsArbitrary(l4: "tcp" | "udp"): fc.Arbitrary<Segment[]> {
  const segment = fc.record({
    dir: fc.constantFrom("orig" as const, "reply" as const),
    // A TCP segment without payload is a bare ACK: no segment of the flow.
    data: fc.uint8Array({ minLength: l4 === "tcp" ? 1 : 0, maxLength: 48 }),
    seq: l4 === "tcp" ? seqArbitrary : fc.constant(undefined),
  });
  return fc
    .array(segment, { minLength: 1, maxLength: 12 })
    .map((segments) =>
      segments.map(({ seq, ...rest }) => (seq === undefined ? rest : { ...rest, seq })),
    );
}

const flowArbitrary: fc.Arbitrary<Flow> = fc
  .record({
    l4: fc.constantFrom("tcp" as const, "udp" as const),
    v6: fc.boolean(),
    serverPort: fc.integer({ min: 1, max: 65535 }),
    clientPort: fc.integer({ min: 1, max: 65535 }),
  })
  .filter(({ l4, serverPort, clientPort }) => l4 === "tcp" || serverPort !== clientPort)
  .chain(({ l4, v6, serverPort, clientPort }) =>
    fc.record({
      helper: fc.constant(l4 === "tcp" ? "ftp" : "tftp"),
      l4: fc.constant(l4),
      client: fc.record({ addr: v6 ? fc.ipV6() : fc.ipV4(), port: fc.constant(clientPort) }),
      server: fc.record({ addr: v6 ? fc.ipV6() : fc.ipV4(), port: fc.constant(serverPort) }),
      segments: segmentsArbitrary(l4),
    }),
  );

/** What the reader must give back: canonical addresses, every TCP seq explicit. */
function expectedFlow(flow: Flow): Flow {
  const segments = normalizeSegments(flow).map(({ dir, data, seq }) =>
    flow.l4 === "tcp" ? { dir, data, seq } : { dir, data },
  );
  return {
    helper: flow.helper,
    l4: flow.l4,
    client: { addr: canonicalAddress(flow.client.addr), port: flow.client.port },
    server: { addr: canonicalAddress(flow.server.addr), port: flow.server.port },
    segments,
  };
}

const readBack = (capture: Uint8Array, flow: Flow) =>
  flowsFromCapture(capture, { helper: flow.helper, port: flow.server.port });

describe("pcap round trip", () => {
  it("gives back the flow's segments for any flow and initial sequence numbers", () => {
    fc.assert(
      fc.property(
        flowArbitrary,
        fc.nat(0xffff_ffff),
        fc.nat(0xffff_ffff),
        (flow, clientIsn, serverIsn) => {
          const capture = flowToPcap(flow, undefined, { clientIsn, serverIsn });
          expect(readBack(capture, flow)).toEqual([expectedFlow(flow)]);
        },
      ),
      { numRuns: 300 },
    );
  });

  const framings: [string, Framing | null, number][] = [
    ["Ethernet", null, 1],
    ["802.1Q + 802.1ad", "qinq", 1],
    ["raw IP", "raw", LINKTYPE_RAW],
    ["Linux cooked", "sll", LINKTYPE_LINUX_SLL],
    ["Linux cooked v2", "sll2", LINKTYPE_LINUX_SLL2],
  ];

  it("reads the same flow from every file format and link type", () => {
    const formats = fc.record({
      framing: fc.constantFrom(...framings),
      container: fc.constantFrom(
        "pcap-le",
        "pcap-be-ns",
        "pcapng-le",
        "pcapng-be",
        "pcapng-simple",
      ),
    });
    fc.assert(
      fc.property(flowArbitrary, formats, (flow, { framing: [, framing, linkType], container }) => {
        const frames = flowToFrames(flow).map((f) => ({
          data: framing === null ? f.data : reframeEthernet(f.data, framing),
        }));
        const capture =
          container === "pcap-le"
            ? classicCapture(frames, { linkType })
            : container === "pcap-be-ns"
              ? classicCapture(frames, { linkType, littleEndian: false, nanoseconds: true })
              : pcapngCapture(frames, {
                  linkType,
                  littleEndian: container !== "pcapng-be",
                  simple: container === "pcapng-simple",
                });
        expect(readBack(capture, flow)).toEqual([expectedFlow(flow)]);
      }),
      { numRuns: 150 },
    );
  });
});
