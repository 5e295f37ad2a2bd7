// The TFTP vectors of kernel-helpers.md §14 and checklist item 9, through the core driver.

import { describe, expect, it } from "vitest";
import { runFlow } from "../core/driver.ts";
import type { Conntrack, ExpectResult } from "../core/helper.ts";
import type { Flow, Segment } from "../core/model.ts";
import { tftpHelper } from "./index.ts";

const C = "198.18.0.2";
const S = "192.0.2.69";
const N = "198.19.0.1";

function rrq(file: string, mode = "octet"): Uint8Array {
  return new Uint8Array([0, 1, ...new TextEncoder().encode(`${file}\0${mode}\0`)]);
}

function flow(segments: Segment[], nat?: string, client = C, server = S): Flow {
  return {
    helper: "tftp",
    l4: "udp",
    client: { addr: client, port: 40000 },
    server: { addr: server, port: 69 },
    ...(nat ? { nat: { client: { addr: nat } } } : {}),
    segments,
  };
}

const toClient = (dst: string) => ({ l4: "udp", src: S, sport: null, dst, dport: 40000 });

describe("tftp helper (§14 TFTP vectors)", () => {
  it("expects the server's answer from any port to the client's port on an RRQ", () => {
    const outcome = runFlow(tftpHelper, flow([{ dir: "orig", data: rrq("pxelinux.0") }]));
    expect(outcome.expectations).toEqual([toClient(C)]);
    expect(outcome.segments).toEqual([{ verdict: "accept", data: rrq("pxelinux.0"), seq: 0 }]);
  });

  it("expects the same tuple on a WRQ", () => {
    const wrq = Uint8Array.of(0, 2, 0x61, 0, 0x6f, 0x63, 0x74, 0x65, 0x74, 0);
    expect(runFlow(tftpHelper, flow([{ dir: "orig", data: wrq }])).expectations).toEqual([
      toClient(C),
    ]);
  });

  it("names the NAT address under source NAT and forwards the request unchanged", () => {
    const outcome = runFlow(tftpHelper, flow([{ dir: "orig", data: rrq("boot.img") }], N));
    expect(outcome.expectations).toEqual([toClient(N)]);
    expect(outcome.segments[0].data).toEqual(rrq("boot.img"));
  });

  it.each([3, 4, 5, 6, 0, 7, 256])("expects nothing on opcode %i", (opcode) => {
    const data = Uint8Array.of(opcode >> 8, opcode & 0xff, 0, 1);
    const outcome = runFlow(tftpHelper, flow([{ dir: "orig", data }]));
    expect(outcome.expectations).toEqual([]);
    expect(outcome.segments[0].verdict).toBe("accept");
  });

  it("expects nothing on a 0- or 1-byte payload", () => {
    const outcome = runFlow(
      tftpHelper,
      flow([
        { dir: "orig", data: Uint8Array.of(0) },
        { dir: "orig", data: new Uint8Array(0) },
        { dir: "reply", data: Uint8Array.of(1) },
      ]),
    );
    expect(outcome.expectations).toEqual([]);
    expect(outcome.segments.map((s) => s.verdict)).toEqual(["accept", "accept", "accept"]);
  });

  it("reacts to an RRQ from the server too (no direction check, item 9)", () => {
    const outcome = runFlow(tftpHelper, flow([{ dir: "reply", data: rrq("x") }], N));
    expect(outcome.expectations).toEqual([toClient(N)]);
  });

  it("lists a retransmitted RRQ twice: it replaces its identical expectation", () => {
    const outcome = runFlow(
      tftpHelper,
      flow([
        { dir: "orig", data: rrq("a") },
        { dir: "orig", data: rrq("a") },
      ]),
    );
    expect(outcome.expectations).toEqual([toClient(C), toClient(C)]);
    expect(outcome.segments.map((s) => s.seq)).toEqual([0, 10]);
  });

  it("works on IPv6 with canonical addresses", () => {
    const outcome = runFlow(
      tftpHelper,
      flow([{ dir: "orig", data: rrq("f") }], undefined, "2001:DB8::2", "2001:db8:0:0:0:0:0:45"),
    );
    expect(outcome.expectations).toEqual([
      { l4: "udp", src: "2001:db8::45", sport: null, dst: "2001:db8::2", dport: 40000 },
    ]);
  });

  it("drops the request when the expectation table refuses it (nf_ct_expect_related fails)", () => {
    // A single flow's table never refuses TFTP's one expectation; a scripted one does.
    const request = { l4: "udp" as const, src: S, sport: null, dst: C, dport: 40000 };
    const refusing = (answer: ExpectResult) => ({
      conntrack: undefined as unknown as Conntrack,
      config: {},
      state: { request },
      expectations: { expect: () => answer, remove: () => 0, find: () => undefined },
    });
    const packet = { dir: "orig" as const, seq: 0, data: rrq("a") };
    for (const answer of ["busy", "already", "full"] as const) {
      expect(tftpHelper.process(refusing(answer), packet)).toEqual({ verdict: "drop" });
    }
    expect(tftpHelper.process(refusing("ok"), packet)).toEqual({ verdict: "accept" });
  });
});
