// The SIP arbitraries reach what the properties need: both transports, both families,
// NAT, REGISTER and INVITE with SDP, compact forms, Slipstreaming and mid-segment shapes.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { midSegmentFlow } from "./mid-segment-flow.ts";
import { sipFlow } from "./sip-flow.ts";
import { slipstreamFlow } from "./slipstream-flow.ts";
import { thirdPartyRegisterFlow } from "./third-party-register-flow.ts";

const text = (d: Uint8Array) => new TextDecoder("latin1").decode(d);
const all = (flows: { segments: { data: Uint8Array }[] }[]) =>
  flows.flatMap((f) => f.segments.map((s) => text(s.data)));

describe("SIP arbitraries", () => {
  const flows = fc.sample(sipFlow(), { numRuns: 400, seed: 3 });
  const payloads = all(flows);

  it("cover UDP and TCP, IPv4 and IPv6, with and without NAT", () => {
    expect(new Set(flows.map((f) => f.l4))).toEqual(new Set(["udp", "tcp"]));
    expect(flows.some((f) => f.client.addr.includes(":"))).toBe(true);
    expect(flows.some((f) => !f.client.addr.includes(":"))).toBe(true);
    expect(flows.filter((f) => f.nat).length).toBeGreaterThan(100);
    expect(flows.some((f) => f.client.port === 5060)).toBe(true);
  });

  it("write REGISTERs with Contacts, INVITEs with SDP, responses, compact forms and edge numbers", () => {
    expect(payloads.some((p) => p.startsWith("REGISTER ") && /\r\n(Contact|m)\s*:/i.test(p))).toBe(
      true,
    );
    expect(payloads.some((p) => p.startsWith("INVITE ") && p.includes("\r\nv=0"))).toBe(true);
    expect(payloads.some((p) => p.startsWith("SIP/2.0 200"))).toBe(true);
    expect(payloads.some((p) => /\r\nl: /.test(p))).toBe(true);
    expect(payloads.some((p) => p.includes("expires=0x10"))).toBe(true);
    expect(payloads.some((p) => /m=audio \d+/.test(p) && /m=video \d+/.test(p))).toBe(true);
  });

  it("put a REGISTER at a segment boundary inside an HTTP POST (Slipstreaming v1)", () => {
    const shaped = fc.sample(slipstreamFlow(), { numRuns: 50, seed: 3 });
    expect(
      shaped.every((f) => f.l4 === "tcp" && text(f.segments[0].data).startsWith("POST ")),
    ).toBe(true);
    expect(
      shaped.some((f) => f.segments.slice(1).some((s) => /^(REGISTER|INVITE) /.test(text(s.data)))),
    ).toBe(true);
  });

  it("never start a segment with a message in the mid-segment flows", () => {
    for (const f of fc.sample(midSegmentFlow(), { numRuns: 100, seed: 3 })) {
      for (const s of f.segments) expect(text(s.data).startsWith("x")).toBe(true);
    }
  });

  it("name no sender in the third-party REGISTER flows' Contacts", () => {
    for (const f of fc.sample(thirdPartyRegisterFlow(), { numRuns: 100, seed: 3 })) {
      for (const s of f.segments) {
        const t = text(s.data);
        if (!/^register /i.test(t)) continue;
        const sender = s.dir === "orig" ? f.client.addr : f.server.addr;
        const named = new RegExp(`@\\[?${sender.replaceAll(".", "\\.")}(\\]|[:>;]|$)`, "m");
        for (const c of t.match(/\r\nContact: [^\r\n]*/g) ?? []) expect(named.test(c)).toBe(false);
      }
    }
  });
});
