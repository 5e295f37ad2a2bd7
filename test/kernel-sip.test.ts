// The kernel target runs SIP over UDP and TCP, IPv4 and IPv6, with and without source NAT,
// on the flow's own client port (the payload names it). The facts the SIP models rely on
// (docs/sip.md, "What 6.18.44 does that surprised us") are re-measured here; corpus/sip holds
// the rest.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createKernelTarget,
  type KernelTarget,
  kernelAvailability,
} from "../harness/kernel/target.ts";
import { type Flow, FlowError } from "../helpers/core/model.ts";

const availability = await kernelAvailability();
const title = availability.ok ? "kernel SIP" : `kernel SIP (skipped: ${availability.reason})`;
const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder("latin1").decode(b);
const C = "198.18.0.2";
const S = "198.19.0.5";
const N = "198.18.100.1";

function register(contact: string, transport = "UDP", port = 5060): string {
  return (
    `REGISTER sip:${S} SIP/2.0\r\nVia: SIP/2.0/${transport} ${C}:${port};branch=z9hG4bK1\r\n` +
    `From: <sip:a@${S}>;tag=1\r\nTo: <sip:a@${S}>\r\nCall-ID: r@x\r\nCSeq: 1 REGISTER\r\n` +
    `Contact: ${contact}\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n`
  );
}

function invite(port = 5060, transport = "UDP"): string {
  const sdp = `v=0\r\no=- 1 1 IN IP4 ${C}\r\ns=-\r\nc=IN IP4 ${C}\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0\r\n`;
  return (
    `INVITE sip:bob@${S} SIP/2.0\r\nVia: SIP/2.0/${transport} ${C}:${port};branch=z9hG4bK2\r\n` +
    `From: <sip:alice@${C}>;tag=1\r\nTo: <sip:bob@${S}>\r\nCall-ID: a@b\r\nCSeq: 1 INVITE\r\n` +
    `Contact: <sip:alice@${C}:${port}>\r\nContent-Type: application/sdp\r\n` +
    `Content-Length: ${sdp.length}\r\n\r\n${sdp}`
  );
}

function flow(l4: "udp" | "tcp", payloads: string[], extra: Partial<Flow> = {}): Flow {
  return {
    helper: "sip",
    l4,
    client: { addr: C, port: 5060 },
    server: { addr: S, port: 5060 },
    segments: payloads.map((p) => ({ dir: "orig" as const, data: bytes(p) })),
    ...extra,
  };
}

describe.skipIf(!availability.ok)(title, () => {
  let kernel: KernelTarget;
  beforeAll(async () => {
    kernel = await createKernelTarget();
  });
  afterAll(async () => {
    await kernel?.close();
  });

  it("says it runs sip", () => {
    expect(kernel.helpers()).toContain("sip");
  });

  it("REGISTER expects signalling from the registrar on the Contact's port, per transport", async () => {
    for (const l4 of ["udp", "tcp"] as const) {
      const outcome = await kernel.run(flow(l4, [register(`<sip:a@${C}:6101>`, l4.toUpperCase())]));
      expect(outcome.expectations).toEqual([{ l4, src: S, sport: null, dst: C, dport: 6101 }]);
    }
  });

  it("has the 2026-04 fixes: port 1000 and expires=0x10 give nothing, expires=2^32 drops", async () => {
    const [low, hex, huge] = await Promise.all([
      kernel.run(flow("udp", [register(`<sip:a@${C}:1000>`)])),
      kernel.run(
        flow("udp", [register(`<sip:a@${C}:5060>;expires=0x10`)], {
          client: { addr: C, port: 5061 },
        }),
      ),
      kernel.run(
        flow("udp", [register(`<sip:a@${C}:5060>;expires=4294967296`)], {
          client: { addr: C, port: 5062 },
        }),
      ),
    ]);
    expect([low.expectations, low.segments[0].verdict]).toEqual([[], "accept"]);
    expect([hex.expectations, hex.segments[0].verdict]).toEqual([[], "accept"]);
    expect(huge.segments[0].verdict).toBe("drop");
  });

  it("runs IPv6 and NAT flows: the media expectation names the NAT address, From gains :5060", async () => {
    const outcome = await kernel.run(flow("udp", [invite()], { nat: { client: { addr: N } } }));
    expect(outcome.expectations.map((e) => [e.dst, e.dport])).toEqual([
      [N, 20000],
      [N, 20001],
    ]);
    expect(text(outcome.segments[0].data)).toContain(`From: <sip:alice@${N}:5060>;tag=1`);
    const v6 = await kernel.run({
      ...flow("udp", [register("<sip:a@[2001:db8:1::2]:6105>").replaceAll(C, "[2001:db8:1::2]")]),
      client: { addr: "2001:db8:1::2", port: 6105 },
      server: { addr: "2001:db8:2::5", port: 5060 },
    });
    expect(v6.expectations).toEqual([
      { l4: "udp", src: "2001:db8:2::5", sport: null, dst: "2001:db8:1::2", dport: 6105 },
    ]);
  });

  it("frames TCP messages only from the segment start (Slipstreaming at a boundary works)", async () => {
    const reg = register(`<sip:a@${C}:3306;transport=TCP>`, "TCP");
    const [mid, boundary] = await Promise.all([
      kernel.run(flow("tcp", [`XYZ\r\n${reg}`], { client: { addr: C, port: 50000 } })),
      kernel.run(
        flow("tcp", ["POST / HTTP/1.1\r\nContent-Length: 900\r\n\r\nAAAA", reg], {
          client: { addr: C, port: 50001 },
        }),
      ),
    ]);
    expect(mid.expectations).toEqual([]);
    expect(boundary.expectations).toEqual([
      { l4: "tcp", src: S, sport: null, dst: C, dport: 3306 },
    ]);
  });

  it("two SIP flows from the same client port run apart (their own zones, one per batch)", async () => {
    const outcomes = await Promise.all([0, 1, 2].map(() => kernel.run(flow("udp", [invite()]))));
    for (const o of outcomes) expect(o.expectations.map((e) => e.dport)).toEqual([20000, 20001]);
  });

  it("refuses what it cannot run faithfully", async () => {
    await expect(
      kernel.run(flow("udp", [invite()], { config: { strictParsing: false } })),
    ).rejects.toThrow(/strictParsing/);
    await expect(
      kernel.run(flow("udp", [invite()], { config: { directMedia: false } })),
    ).rejects.toThrow(/sip_direct_media/);
    await expect(
      kernel.run(flow("udp", [invite()], { config: { directMedia: false } })),
    ).rejects.toBeInstanceOf(FlowError);
  });
});
