// nf_conntrack_pptp / nf_nat_pptp rules through the core driver.

import { describe, expect, it } from "vitest";
import { runFlow, traceFlow } from "../core/driver.ts";
import type { Dir, Flow } from "../core/model.ts";
import { pptpHelper } from "./index.ts";

const C = "198.18.0.2";
const S = "198.19.0.5";
const N = "203.0.113.7";
const CLIENT_PORT = 40000;

/** A control message: type, body length, body fields as [offset, bytes...]. */
function msg(type: number, size: number, fields: [number, ...number[]][] = []): Uint8Array {
  const data = new Uint8Array(12 + size);
  const view = new DataView(data.buffer);
  view.setUint16(0, data.length);
  view.setUint16(2, 1);
  view.setUint32(4, 0x1a2b3c4d);
  view.setUint16(8, type);
  for (const [offset, ...bytes] of fields) data.set(bytes, 12 + offset);
  return data;
}
const u16 = (v: number) => [v >> 8, v & 0xff];
const SCCRQ = msg(1, 144);
const sccrp = (result: number) => msg(2, 144, [[2, result]]);
const ocrq = (cid: number) => msg(7, 156, [[0, ...u16(cid)]]);
const ocrp = (cid: number, pcid: number, result = 1) =>
  msg(8, 20, [[0, ...u16(cid), ...u16(pcid), result]]);
const icrq = (cid: number) => msg(9, 208, [[0, ...u16(cid)]]);
const icrp = (cid: number, pcid: number, result = 1) =>
  msg(10, 12, [[0, ...u16(cid), ...u16(pcid), result]]);
const iccn = (pcid: number) => msg(11, 16, [[0, ...u16(pcid)]]);
const cdn = (cid: number) => msg(13, 136, [[0, ...u16(cid)]]);
const ccrq = (cid: number) => msg(12, 4, [[0, ...u16(cid)]]);

function flow(segments: [Dir, Uint8Array][], nat = false): Flow {
  return {
    helper: "pptp",
    l4: "tcp",
    client: { addr: C, port: CLIENT_PORT },
    server: { addr: S, port: 1723 },
    ...(nat ? { nat: { client: { addr: N } } } : {}),
    segments: segments.map(([dir, data]) => ({ dir, data })),
  };
}
const gre = (src: string, sport: number, dst: string, dport: number) => ({
  l4: "gre",
  src,
  sport,
  dst,
  dport,
});
const session: [Dir, Uint8Array][] = [
  ["orig", SCCRQ],
  ["reply", sccrp(1)],
];

describe("pptp helper", () => {
  it("expects both GRE directions when an outgoing call is connected", () => {
    const outcome = runFlow(
      pptpHelper,
      flow([...session, ["orig", ocrq(5)], ["reply", ocrp(9, 5)]]),
    );
    expect(outcome.expectations).toEqual([gre(C, 5, S, 9), gre(S, 9, C, 5)]);
    expect(outcome.segments.every((s) => s.verdict === "accept")).toBe(true);
  });
  it("opens nothing without a confirmed session, a matching peer id or result 1", () => {
    for (const segments of [
      [
        ["orig", ocrq(5)],
        ["reply", ocrp(9, 5)],
      ],
      [...session.slice(0, 1), ["reply", sccrp(2)], ["orig", ocrq(5)], ["reply", ocrp(9, 5)]],
      [...session, ["orig", ocrq(5)], ["reply", ocrp(9, 6)]],
      [...session, ["orig", ocrq(5)], ["reply", ocrp(9, 5, 2)]],
      [...session, ["reply", ocrp(9, 0)]],
    ] as [Dir, Uint8Array][][]) {
      expect(runFlow(pptpHelper, flow(segments)).expectations).toEqual([]);
    }
  });
  it("expects on an incoming call once it is connected", () => {
    const outcome = runFlow(
      pptpHelper,
      flow([...session, ["reply", icrq(7)], ["orig", icrp(3, 7)], ["reply", iccn(3)]]),
    );
    expect(outcome.expectations).toEqual([gre(C, 3, S, 7), gre(S, 7, C, 3)]);
  });
  it("removes both on Call-Disconnect-Notify, and a new call opens again", () => {
    const trace = traceFlow(
      pptpHelper,
      flow([
        ...session,
        ["orig", ocrq(5)],
        ["reply", ocrp(9, 5)],
        ["reply", cdn(9)],
        ["orig", ocrq(6)],
        ["reply", ocrp(10, 6)],
      ]),
    );
    expect(trace.liveAfter[3]).toHaveLength(2);
    expect(trace.liveAfter[4]).toEqual([]);
    expect(trace.liveAfter[6]).toEqual([gre(C, 6, S, 10), gre(S, 10, C, 6)]);
  });
  it("a second call without disconnect evicts the first pair and is then withdrawn", () => {
    const trace = traceFlow(
      pptpHelper,
      flow([
        ...session,
        ["orig", ocrq(5)],
        ["reply", ocrp(9, 5)],
        ["orig", ocrq(6)],
        ["reply", ocrp(10, 6)],
      ]),
    );
    expect(trace.outcome.expectations).toHaveLength(4);
    expect(trace.liveAfter[5]).toEqual([]);
  });
  it("the same PAC id with another PNS id destroys the keymap: the next call opens", () => {
    const trace = traceFlow(
      pptpHelper,
      flow([
        ...session,
        ["orig", ocrq(5)],
        ["reply", ocrp(9, 5)],
        ["orig", ocrq(6)],
        ["reply", ocrp(9, 6)],
        ["orig", ocrq(7)],
        ["reply", ocrp(11, 7)],
      ]),
    );
    expect(trace.liveAfter[5]).toEqual([]);
    expect(trace.liveAfter[7]).toEqual([gre(C, 7, S, 11), gre(S, 11, C, 7)]);
  });
  it("a repeated reply replaces the pair (the keymap is a duplicate)", () => {
    const trace = traceFlow(
      pptpHelper,
      flow([...session, ["orig", ocrq(5)], ["reply", ocrp(9, 5)], ["reply", ocrp(9, 5)]]),
    );
    expect(trace.outcome.expectations).toHaveLength(4);
    expect(trace.liveAfter[4]).toHaveLength(2);
  });
  it("reads only the first message of a segment and ignores short or foreign ones", () => {
    const joined = new Uint8Array([...ocrq(5), ...ocrp(9, 5)]);
    const short = ocrp(9, 5).subarray(0, 31);
    const badMagic = Uint8Array.from(ocrp(9, 5));
    badMagic[7] ^= 1;
    for (const reply of [short, badMagic]) {
      const segments: [Dir, Uint8Array][] = [...session, ["orig", joined], ["reply", reply]];
      expect(runFlow(pptpHelper, flow(segments)).expectations).toEqual([]);
    }
  });
  it("under NAT tells the PAC the client port as call id and puts the PNS id back", () => {
    const outcome = runFlow(
      pptpHelper,
      flow(
        [...session, ["orig", ocrq(5)], ["reply", ocrp(9, CLIENT_PORT)], ["reply", cdn(9)]],
        true,
      ),
    );
    expect(outcome.segments[2].data).toEqual(ocrq(CLIENT_PORT));
    expect(outcome.segments[3].data).toEqual(ocrp(9, 5));
    // Call-Disconnect-Notify's own call id field gets the PNS's id.
    expect(outcome.segments[4].data).toEqual(cdn(5));
    expect(outcome.expectations).toEqual([gre(C, 5, S, 9), gre(S, 9, N, CLIENT_PORT)]);
  });
  it("under NAT the disconnect leaves the PNS → PAC expectation (its key is the PNS's own id)", () => {
    const trace = traceFlow(
      pptpHelper,
      flow(
        [...session, ["orig", ocrq(5)], ["reply", ocrp(9, CLIENT_PORT)], ["reply", cdn(9)]],
        true,
      ),
    );
    expect(trace.liveAfter[4]).toEqual([gre(C, 5, S, 9)]);
  });
  it("under NAT rewrites Call-Clear-Request with the call id the PAC knows", () => {
    const outcome = runFlow(
      pptpHelper,
      flow([...session, ["orig", ocrq(5)], ["orig", ccrq(5)]], true),
    );
    expect(outcome.segments[3].data).toEqual(ccrq(CLIENT_PORT));
  });
  it("never throws and accepts every segment of random bytes", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed & 0xff;
    };
    for (let n = 0; n < 200; n++) {
      const data = msg(1 + (n % 16), 5 + (random() % 40), [
        [0, random(), random(), random(), random(), random()],
      ]);
      const outcome = runFlow(
        pptpHelper,
        flow([...session, ["reply", data], ["orig", data]], n % 2 === 0),
      );
      expect(outcome.segments.every((s) => s.verdict === "accept")).toBe(true);
    }
  });
  it("is IPv4 only", () => {
    expect(pptpHelper.families).toEqual([4]);
  });
});
