// The kernel target runs PPTP (nf_conntrack_pptp + nf_nat_pptp, IPv4, TCP 1723): hand-built
// control connections whose outcome on the running kernel must equal the spec model's
// (helpers/pptp/spec). A call connected by an Outgoing-Call-Reply (result 1) expects GRE in
// both directions, keyed by the call ids; any other result expects nothing; under source
// NAT nf_nat_pptp puts the client's TCP port in as the PNS call id (the flow keeps its own
// client port on the kernel target for that).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createKernelTarget,
  type KernelTarget,
  kernelAvailability,
} from "../harness/kernel/target.ts";
import type { Dir, Flow } from "../helpers/core/model.ts";
import { pptpSpec, pptpSpecTrace } from "../helpers/pptp/spec/index.ts";

const availability = await kernelAvailability();
const title = availability.ok ? "kernel PPTP" : `kernel PPTP (skipped: ${availability.reason})`;
const PNS = "198.18.0.2";
const PAC = "198.19.0.5";
const NAT = "198.18.100.1";
const PORT = 50123;

/** struct pptp_pkt_hdr + PptpControlHeader + a body of `size` bytes (zeroed but `at`). */
function message(type: number, size: number, at: Record<number, number[]> = {}): Uint8Array {
  const p = new Uint8Array(12 + size);
  p.set([(12 + size) >> 8, (12 + size) & 255, 0, 1, 0x1a, 0x2b, 0x3c, 0x4d, 0, type, 0, 0]);
  for (const [offset, values] of Object.entries(at)) p.set(values, 12 + Number(offset));
  return p;
}
const be = (v: number) => [v >> 8, v & 255];
const SCCRQ = message(1, 144);
const SCCRP = (result = 1) => message(2, 144, { 2: [result] });
const OCRQ = (id: number) => message(7, 156, { 0: be(id) });
const OCRP = (id: number, peer: number, result = 1) =>
  message(8, 20, { 0: [...be(id), ...be(peer), result] });
const ICRQ = (id: number) => message(9, 208, { 0: be(id) });
const ICRP = (id: number, peer: number, result = 1) =>
  message(10, 12, { 0: [...be(id), ...be(peer), result] });
const ICCN = (peer: number) => message(11, 16, { 0: be(peer) });
const CCRQ = (id: number) => message(12, 4, { 0: be(id) });
const CDN = (id: number) => message(13, 136, { 0: be(id) });

function flow(segments: [Dir, Uint8Array][], nat = false, port = PORT): Flow {
  return {
    helper: "pptp",
    l4: "tcp",
    client: { addr: PNS, port },
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
  ["reply", SCCRP()],
];

describe.skipIf(!availability.ok)(title, () => {
  let kernel: KernelTarget;
  beforeAll(async () => {
    kernel = await createKernelTarget();
  });
  afterAll(async () => {
    await kernel?.close();
  });

  /** The kernel's outcome and live sets after every segment, against the spec model's. */
  async function same(f: Flow) {
    const [outcome, trace] = await Promise.all([kernel.run(f), kernel.trace(f)]);
    const spec = pptpSpecTrace(f);
    expect(outcome).toEqual(spec.outcome);
    expect(trace.outcome).toEqual(spec.outcome);
    expect(trace.liveAfter).toEqual(spec.liveAfter);
    return outcome;
  }

  it("says it runs pptp", () => {
    expect(kernel.helpers()).toContain("pptp");
  });

  it("a connected Outgoing-Call-Reply expects GRE both ways, keyed by the call ids", async () => {
    const outcome = await same(
      flow([...up, ["orig", OCRQ(0x1234)], ["reply", OCRP(0xbeef, 0x1234)]]),
    );
    expect(outcome.expectations).toEqual([
      gre(PNS, 0x1234, PAC, 0xbeef),
      gre(PAC, 0xbeef, PNS, 0x1234),
    ]);
    expect(outcome.segments.every((s) => s.verdict === "accept")).toBe(true);
  });

  it("an Outgoing-Call-Reply with another result expects nothing", async () => {
    for (const result of [0, 2, 3, 7]) {
      const outcome = await same(
        flow([...up, ["orig", OCRQ(7)], ["reply", OCRP(9, 7, result)]], false, PORT + result),
      );
      expect(outcome.expectations).toEqual([]);
    }
  });

  it("no expectation out of state: no SCCRP, a failed SCCRP, a reply to another call id", async () => {
    const flows = [
      flow([
        ["orig", SCCRQ],
        ["orig", OCRQ(7)],
        ["reply", OCRP(9, 7)],
      ]),
      flow([
        ["orig", SCCRQ],
        ["reply", SCCRP(2)],
        ["orig", OCRQ(7)],
        ["reply", OCRP(9, 7)],
      ]),
      flow([...up, ["orig", OCRQ(7)], ["reply", OCRP(9, 8)]]),
    ];
    for (const f of flows) expect((await same(f)).expectations).toEqual([]);
  });

  it("an incoming call connected by ICCN expects GRE; CDN withdraws it", async () => {
    const call: [Dir, Uint8Array][] = [
      ...up,
      ["reply", ICRQ(0x0a0b)],
      ["orig", ICRP(0x0c0d, 0x0a0b)],
      ["reply", ICCN(0x0c0d)],
    ];
    const outcome = await same(flow(call));
    expect(outcome.expectations).toEqual([
      gre(PNS, 0x0c0d, PAC, 0x0a0b),
      gre(PAC, 0x0a0b, PNS, 0x0c0d),
    ]);
    await same(flow([...call, ["reply", CDN(0x0a0b)]]));
  });

  it("a second connected call (keymap held for other keys), a repeated reply, CDN, a refused ICRP", async () => {
    const call: [Dir, Uint8Array][] = [...up, ["orig", OCRQ(1)], ["reply", OCRP(2, 1)]];
    const flows = [
      flow([...call, ["orig", OCRQ(3)], ["reply", OCRP(4, 3)]]),
      flow([...call, ["reply", OCRP(2, 1)]]),
      flow([...call, ["reply", CDN(2)]]),
      flow([...call, ["reply", CDN(2)], ["orig", OCRQ(3)], ["reply", OCRP(4, 3)]]),
      flow([...up, ["reply", ICRQ(5)], ["orig", ICRP(6, 5, 2)], ["reply", ICCN(6)]]),
    ];
    for (const [i, f] of flows.entries())
      await same({ ...f, client: { addr: PNS, port: PORT + 10 + i } });
  });

  it("6.18.44 destroys the whole keymap when only the reply direction's key clashes, as the spec does", async () => {
    // Same PAC call id (2), another PNS call id (3): the ORIGINAL keymap entry matches
    // (gre_key_cmpfn ignores the source key), the REPLY one does not. 6.18.44's exp_gre
    // then calls nf_ct_gre_keymap_destroy(ct) before withdrawing both expectations, so
    // the repeated reply finds no keymap and its expectations stay. The spec model and the
    // fast helper do the same (the 2026-05 "nf_conntrack_gre: fix gre keymap list
    // corruption" patch, which keeps the keymap, is not in this kernel).
    const f = flow(
      [
        ...up,
        ["orig", OCRQ(1)],
        ["reply", OCRP(2, 1)],
        ["orig", OCRQ(3)],
        ["reply", OCRP(2, 3)],
        ["reply", OCRP(2, 3)],
      ],
      false,
      PORT + 20,
    );
    const [trace, spec] = [await kernel.trace(f), pptpSpecTrace(f)];
    expect(trace.outcome).toEqual(spec.outcome);
    const again = [gre(PNS, 3, PAC, 2), gre(PAC, 2, PNS, 3)];
    expect(trace.liveAfter.slice(3)).toEqual([
      [gre(PNS, 1, PAC, 2), gre(PAC, 2, PNS, 1)],
      [gre(PNS, 1, PAC, 2), gre(PAC, 2, PNS, 1)],
      [],
      again,
    ]);
    expect(spec.liveAfter).toEqual(trace.liveAfter);
  });

  it("under source NAT the PNS call id becomes the client's port, in the payload and the expectations", async () => {
    const outcome = await same(
      flow(
        [...up, ["orig", OCRQ(0x1234)], ["reply", OCRP(0xbeef, PORT)], ["orig", CCRQ(0x1234)]],
        true,
      ),
    );
    expect(outcome.expectations).toEqual([
      // PNS -> PAC is the original direction's tuple: the client's own address and call id
      gre(PNS, 0x1234, PAC, 0xbeef),
      gre(PAC, 0xbeef, NAT, PORT),
    ]);
    // the OCRQ leaves with the port as its call id; the OCRP comes back with the original
    expect(Array.from(outcome.segments[2].data.slice(12, 14))).toEqual(be(PORT));
    expect(Array.from(outcome.segments[3].data.slice(14, 16))).toEqual(be(0x1234));
  });

  it("under source NAT a not-connected reply expects nothing but still has its peer id rewritten", async () => {
    const outcome = await same(
      flow([...up, ["orig", OCRQ(0x1234)], ["reply", OCRP(0xbeef, PORT + 1, 3)]], true, PORT + 1),
    );
    expect(outcome.expectations).toEqual([]);
    expect(Array.from(outcome.segments[3].data.slice(14, 16))).toEqual(be(0x1234));
  });

  it("the spec model and the kernel agree on a NAT'd incoming call", async () => {
    await same(
      flow(
        [...up, ["reply", ICRQ(0x0a0b)], ["orig", ICRP(0x0c0d, 0x0a0b)], ["reply", ICCN(0x0c0d)]],
        true,
        PORT + 2,
      ),
    );
    expect(pptpSpec(flow(up)).expectations).toEqual([]);
  });
});
