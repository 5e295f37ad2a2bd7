// The PPTP flows reach every case the kernel distinguishes: each control message type from
// the side that sends it (and from the wrong side), results other than success, messages
// cut across segments, two messages in one segment, damaged headers, call messages with no
// session, connected calls opening pinholes, under source NAT too.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinTarget } from "../core/in-process.ts";
import { pptpKit } from "./index.ts";
import { sessionStates } from "./no-pinhole-out-of-state.ts";
import {
  BODY_LENGTH,
  HEADERS,
  MESSAGE_NAMES,
  type MessageName,
  readFirst,
  resultOf,
  SENDER,
  u16,
} from "./pptp-wire.ts";

const flows = fc.sample(pptpKit.flows, { numRuns: 2000, seed: 3 });
const outcomes = flows.map((flow) => builtinTarget.run(flow));
const segments = flows.flatMap((flow) => flow.segments);
const read = segments.map((s) => ({ dir: s.dir, data: s.data, m: readFirst(s.data) }));
const whole = read.filter((r) => r.m?.whole);
const natted = (i: number) =>
  flows[i].nat !== undefined && flows[i].nat!.client.addr !== flows[i].client.addr;

function sent(name: MessageName, dir: "orig" | "reply"): boolean {
  return whole.some((r) => r.m!.name === name && r.dir === dir);
}

describe("pptp arbitraries", () => {
  it("send every control message type whole, from the side that sends it", () => {
    for (const name of MESSAGE_NAMES) {
      const dir = SENDER[name] === "PAC" ? "reply" : "orig";
      expect(sent(name, dir), name).toBe(true);
    }
  });
  it("send PAC messages from the PNS and PNS messages from the PAC", () => {
    expect(sent("OCRP", "orig")).toBe(true);
    expect(sent("ICCN", "orig")).toBe(true);
    expect(sent("OCRQ", "reply")).toBe(true);
    expect(sent("ICRP", "reply")).toBe(true);
  });
  it("send results other than success in every reply that has one", () => {
    for (const name of ["SCCRP", "StopCCRP", "OCRP", "ICRP"] as const) {
      const results = new Set(whole.filter((r) => r.m!.name === name).map((r) => resultOf(r.m!)));
      expect(results, name).toContain(1);
      expect(
        [...results].some((c) => c !== 1),
        name,
      ).toBe(true);
    }
  });
  it("cut messages across segments: headers short, bodies short", () => {
    expect(read.some((r) => r.data.length > 0 && r.data.length < HEADERS)).toBe(true);
    expect(read.some((r) => r.m !== null && !r.m.whole && r.m.name === "OCRP")).toBe(true);
    expect(read.some((r) => r.m !== null && !r.m.whole && r.m.name === "ICCN")).toBe(true);
  });
  it("send two messages in one segment", () => {
    expect(
      whole.some((r) => {
        const first = HEADERS + BODY_LENGTH[r.m!.name];
        return readFirst(r.data.subarray(first))?.whole === true;
      }),
    ).toBe(true);
  });
  it("damage headers: cookie, control type, unknown message types", () => {
    const headed = read.filter((r) => r.data.length >= HEADERS);
    expect(headed.some((r) => u16(r.data, 2) === 1 && u16(r.data, 4) !== 0x1a2b)).toBe(true);
    expect(headed.some((r) => u16(r.data, 2) !== 1 && u16(r.data, 4) === 0x1a2b)).toBe(true);
    expect(headed.some((r) => u16(r.data, 4) === 0x1a2b && [0, 16].includes(u16(r.data, 8)))).toBe(
      true,
    );
  });
  it("send connected calls with no established session", () => {
    const outOfState = flows.filter((flow) => {
      const states = sessionStates(flow);
      return flow.segments.some(
        (s, i) =>
          s.dir === "reply" &&
          states[i] !== "established" &&
          readFirst(s.data)?.name === "OCRP" &&
          resultOf(readFirst(s.data)!) === 1,
      );
    });
    expect(outOfState.length).toBeGreaterThan(50);
  });
  it("create expectations, more than two in a flow, with and without NAT", () => {
    const created = outcomes.filter((o) => o.expectations.length > 0);
    expect(created.length).toBeGreaterThan(150);
    expect(outcomes.some((o) => o.expectations.length > 2)).toBe(true);
    expect(outcomes.some((o, i) => natted(i) && o.expectations.length > 0)).toBe(true);
    expect(outcomes.some((o, i) => !natted(i) && o.expectations.length > 0)).toBe(true);
  });
  it("rewrite call ids under NAT", () => {
    const rewritten = outcomes.filter((o, i) =>
      o.segments.some((s, j) => s.data.some((b, k) => b !== flows[i].segments[j].data[k])),
    );
    expect(rewritten.length).toBeGreaterThan(50);
  });
});
