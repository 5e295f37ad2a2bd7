// The SANE flows reach every case the kernel distinguishes: START whole, split and with
// more bytes; other 8-byte codes; replies with every status, zero field and port 0; short
// replies; server bytes shaped like a request; retransmissions; NAT and IPv6.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinTarget } from "../core/in-process.ts";
import { inputSeqs } from "../core/input-seqs.ts";
import { saneKit } from "./index.ts";
import { isStartRequest, replyHead } from "./reply-fields.ts";

const flows = fc.sample(saneKit.flows, { numRuns: 2000, seed: 3 });
const segments = flows.flatMap((flow) => flow.segments);
const orig = segments.filter((s) => s.dir === "orig").map((s) => s.data);
const replies = segments.filter((s) => s.dir === "reply").map((s) => s.data);
const code = (d: Uint8Array) => new DataView(d.buffer, d.byteOffset, d.byteLength).getUint32(0);
const outcomes = flows.map((flow) => builtinTarget.run(flow));

describe("sane arbitraries", () => {
  it("send START whole, cut short and with more bytes", () => {
    expect(orig.some(isStartRequest)).toBe(true);
    expect(
      orig.some((d) => d.length > 0 && d.length < 8 && d.every((b, i) => b === [0, 0, 0, 7][i])),
    ).toBe(true);
    expect(orig.some((d) => d.length > 8 && code(d) === 7)).toBe(true);
  });
  it("send 8-byte requests with other codes, 7 little-endian among them", () => {
    const codes = new Set(orig.filter((d) => d.length === 8).map(code));
    for (const c of [3, 4, 6, 8, 0x07000000]) expect(codes).toContain(c);
  });
  it("send every status 0..11, a non-zero zero field, port 0, exactly 8 bytes", () => {
    const heads = replies.map(replyHead).filter((h) => h !== null);
    const statuses = new Set(heads.map((h) => h.status));
    for (let s = 0; s <= 11; s++) expect(statuses).toContain(s);
    expect(heads.some((h) => h.zero !== 0 && h.status === 0)).toBe(true);
    expect(heads.some((h) => h.port === 0 && h.status === 0 && h.zero === 0)).toBe(true);
    expect(replies.some((d) => d.length === 8)).toBe(true);
  });
  it("send replies shorter than 8 bytes, empty segments and START bytes from the server", () => {
    expect(replies.some((d) => d.length > 0 && d.length < 8)).toBe(true);
    expect(segments.some((s) => s.data.length === 0)).toBe(true);
    expect(replies.some(isStartRequest)).toBe(true);
  });
  it("retransmit segments at the same seq", () => {
    const retransmits = flows.filter((flow) => {
      const seqs = inputSeqs(flow);
      return flow.segments.some((s, i) =>
        flow.segments.some(
          (t, j) => j < i && t.dir === s.dir && seqs[j] === seqs[i] && t.data.length > 0,
        ),
      );
    });
    expect(retransmits.length).toBeGreaterThan(50);
  });
  it("create expectations (some evicting), under NAT and on IPv6 too", () => {
    const created = flows.filter((_, i) => outcomes[i].expectations.length > 0);
    expect(created.length).toBeGreaterThan(500);
    expect(outcomes.some((o) => o.expectations.length > 1)).toBe(true);
    expect(created.some((f) => f.nat !== undefined)).toBe(true);
    expect(created.some((f) => f.client.addr.includes(":"))).toBe(true);
  });
});
