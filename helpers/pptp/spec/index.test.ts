// The spec model against outcomes worked out by hand from nf_conntrack_pptp.c and
// nf_nat_pptp.c.

import { describe, expect, it } from "vitest";
import { type Dir, type Flow, FlowError } from "../../core/model.ts";
import { withReached } from "../../spec-core/behaviour.ts";
import { pptpBehaviours } from "./behaviours.ts";
import { pptpSpec, pptpSpecTrace } from "./index.ts";

const PNS = "192.0.2.10";
const PAC = "198.51.100.20";
const NAT = "203.0.113.1";
const PORT = 50123;

function message(type: number, size: number, at: Record<number, number[]> = {}): Uint8Array {
  const p = new Uint8Array(12 + size);
  p.set([0, 12 + size, 0, 1, 0x1a, 0x2b, 0x3c, 0x4d, 0, type, 0, 0]);
  for (const [offset, values] of Object.entries(at)) p.set(values, 12 + Number(offset));
  return p;
}
const be = (v: number) => [v >> 8, v & 255];
const SCCRQ = message(1, 144);
const SCCRP_OK = message(2, 144, { 2: [1] });
const OCRQ = (id: number) => message(7, 156, { 0: be(id) });
const OCRP = (id: number, peer: number, result = 1) =>
  message(8, 20, { 0: [...be(id), ...be(peer), result] });
const ICRQ = (id: number) => message(9, 208, { 0: be(id) });
const ICRP = (id: number, peer: number) => message(10, 12, { 0: [...be(id), ...be(peer), 1] });
const ICCN = (peer: number) => message(11, 16, { 0: be(peer) });
const CDN = (id: number) => message(13, 136, { 0: be(id) });
const WEN = (peer: number) => message(14, 28, { 0: be(peer) });

function flow(segments: [Dir, Uint8Array][], nat = false): Flow {
  return {
    helper: "pptp",
    l4: "tcp",
    client: { addr: PNS, port: PORT },
    server: { addr: PAC, port: 1723 },
    ...(nat ? { nat: { client: { addr: NAT } } } : {}),
    segments: segments.map(([dir, data]) => ({ dir, data })),
  };
}
const gre = (src: string, sport: number, dst: string, dport: number) => ({
  l4: "gre" as const,
  src,
  sport,
  dst,
  dport,
});
const up: [Dir, Uint8Array][] = [
  ["orig", SCCRQ],
  ["reply", SCCRP_OK],
];

describe("pptp spec", () => {
  it("Outgoing-Call-Reply connected: one GRE expectation per direction, keyed by call ids", () => {
    const outcome = pptpSpec(flow([...up, ["orig", OCRQ(0)], ["reply", OCRP(65535, 0)]]));
    expect(outcome.expectations).toEqual([gre(PNS, 0, PAC, 65535), gre(PAC, 65535, PNS, 0)]);
    expect(outcome.segments.map((s) => s.verdict)).toEqual([
      "accept",
      "accept",
      "accept",
      "accept",
    ]);
  });
  it("the reply must name the PNS's call id and the session must be confirmed", () => {
    expect(pptpSpec(flow([...up, ["orig", OCRQ(4)], ["reply", OCRP(8, 5)]])).expectations).toEqual(
      [],
    );
    expect(
      pptpSpec(
        flow([
          ["orig", OCRQ(4)],
          ["reply", OCRP(8, 4)],
        ]),
      ).expectations,
    ).toEqual([]);
    expect(
      pptpSpec(flow([...up, ["orig", OCRQ(4)], ["reply", OCRP(8, 4, 3)]])).expectations,
    ).toEqual([]);
  });
  it("Incoming-Call-Connected expects with the PAC's id from Incoming-Call-Request", () => {
    const outcome = pptpSpec(
      flow([...up, ["reply", ICRQ(70)], ["orig", ICRP(30, 70)], ["reply", ICCN(30)]]),
    );
    expect(outcome.expectations).toEqual([gre(PNS, 30, PAC, 70), gre(PAC, 70, PNS, 30)]);
  });
  it("Call-Disconnect-Notify withdraws both, whatever call id it names", () => {
    const trace = pptpSpecTrace(
      flow([...up, ["orig", OCRQ(4)], ["reply", OCRP(8, 4)], ["reply", CDN(1234)]]),
    );
    expect(trace.liveAfter[3]).toHaveLength(2);
    expect(trace.liveAfter[4]).toEqual([]);
  });
  it("a pair refused for its REPLY key alone destroys the keymap (exp_gre), so the next call opens", () => {
    const trace = pptpSpecTrace(
      flow([
        ...up,
        ["orig", OCRQ(4)],
        ["reply", OCRP(8, 4)],
        ["orig", OCRQ(5)],
        ["reply", OCRP(8, 5)],
        ["orig", OCRQ(6)],
        ["reply", OCRP(9, 6)],
      ]),
    );
    expect(trace.liveAfter[5]).toEqual([]);
    expect(trace.liveAfter[7]).toEqual([gre(PNS, 6, PAC, 9), gre(PAC, 9, PNS, 6)]);
  });
  it("only the first message of a segment counts", () => {
    const both = new Uint8Array([...OCRQ(4), ...OCRP(8, 4)]);
    const outcome = pptpSpec(
      flow([...up, ["orig", both], ["reply", new Uint8Array([...SCCRP_OK, ...OCRP(8, 4)])]]),
    );
    expect(outcome.expectations).toEqual([]);
  });
  it("under NAT: the PAC sees the client port as call id, the PNS gets its own back", () => {
    const outcome = pptpSpec(
      flow([...up, ["orig", OCRQ(4)], ["reply", OCRP(8, PORT)], ["reply", WEN(PORT)]], true),
    );
    expect(outcome.segments[2].data).toEqual(OCRQ(PORT));
    expect(outcome.segments[3].data).toEqual(OCRP(8, 4));
    expect(outcome.segments[4].data).toEqual(WEN(4));
    expect(outcome.expectations).toEqual([gre(PNS, 4, PAC, 8), gre(PAC, 8, NAT, PORT)]);
  });
  it("under NAT a reply naming the PNS's own id is out of state and not rewritten", () => {
    const outcome = pptpSpec(flow([...up, ["orig", OCRQ(4)], ["reply", OCRP(8, 4)]], true));
    expect(outcome.expectations).toEqual([]);
    expect(outcome.segments[3].data).toEqual(OCRP(8, 4));
  });
  it("a second call with other ids evicts the first pair and its own pair is withdrawn", () => {
    const trace = pptpSpecTrace(
      flow([
        ...up,
        ["orig", OCRQ(4)],
        ["reply", OCRP(8, 4)],
        ["orig", OCRQ(5)],
        ["reply", OCRP(9, 5)],
      ]),
    );
    expect(trace.outcome.expectations).toHaveLength(4);
    expect(trace.liveAfter[5]).toEqual([]);
  });
  it("names only declared behaviour classes", () => {
    const { reached } = withReached(() =>
      pptpSpec(flow([...up, ["orig", OCRQ(4)], ["reply", OCRP(8, PORT)], ["reply", CDN(8)]], true)),
    );
    const declared = new Set<string>(pptpBehaviours);
    expect([...reached].filter((name) => !declared.has(name))).toEqual([]);
    expect(reached.has("disconnect withdraws an expectation")).toBe(true);
  });
  it("refuses IPv6, options and other helpers' flows", () => {
    const v6 = {
      ...flow(up),
      client: { addr: "2001:db8::1", port: 1 },
      server: { addr: "2001:db8::2", port: 1723 },
    };
    expect(() => pptpSpec(v6)).toThrow(FlowError);
    expect(() => pptpSpec({ ...flow(up), config: { ports: [1723] } })).toThrow(
      /unknown pptp option/,
    );
    expect(() => pptpSpec({ ...flow(up), helper: "ftp" })).toThrow(FlowError);
  });
});
