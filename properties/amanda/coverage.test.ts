// The Amanda flows reach every case the kernel distinguishes: tokens in any order and
// repeated, inside words, 6+ digits, wrapping values, leading zeros, port 0 first, missing
// newlines, CONNECT from the backup server, and NAT rewrites.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinTarget } from "../core/in-process.ts";
import { amandaKit } from "./index.ts";

const flows = fc.sample(amandaKit.flows, { numRuns: 2000, seed: 3 });
const text = (d: Uint8Array) => String.fromCharCode(...d);
const replies = flows.flatMap((f) =>
  f.segments.filter((s) => s.dir === "reply").map((s) => text(s.data)),
);

const seen = (pattern: RegExp) => replies.some((r) => pattern.test(r));

describe("amanda arbitraries", () => {
  it.each([
    ["tokens out of kernel order", /CONNECT [^\n]*MESG \d+[^\n]* DATA \d/],
    ["a repeated token", /CONNECT [^\n]*DATA [^\n]*DATA /],
    ["a token inside a word", /CONNECT [^\n]*METADATA /],
    ["the STATE token", /CONNECT [^\n]*STATE \d/],
    ["6+ digits", /(DATA|MESG|INDEX|STATE) \d{6}/],
    [
      "a 16-bit wrap",
      /(DATA|MESG|INDEX|STATE) (6553[6-9]|655[4-9]\d|65[6-9]\d\d|6[6-9]\d{3}|[7-9]\d{4})\b/,
    ],
    ["leading zeros", /(DATA|MESG|INDEX|STATE) 0\d/],
    ["port 0 first", /CONNECT DATA 0\D/],
    ["no digits after a token", /(DATA|MESG|INDEX|STATE) \D/],
    ["a CONNECT line without newline", /CONNECT [^\n]*$/],
    ["a real amandad REP", /^Amanda 2\.\d REP HANDLE [^\n]*\nCONNECT /],
  ])("show %s", (_what, pattern) => expect(seen(pattern)).toBe(true));

  it("send CONNECT lines from the backup server too", () => {
    const fromServer = flows.flatMap((f) => f.segments.filter((s) => s.dir === "orig"));
    expect(fromServer.some((s) => text(s.data).includes("CONNECT DATA"))).toBe(true);
  });

  it("make the helper rewrite under NAT", () => {
    const rewritten = flows.filter((flow) =>
      builtinTarget.run(flow).segments.some((s, i) => text(s.data) !== text(flow.segments[i].data)),
    );
    expect(rewritten.length).toBeGreaterThan(50);
  });
});

describe("amanda arbitraries under NAT", () => {
  it("reach the stale region end: NAT changes which ports are expected", () => {
    const natFlows = flows.filter((flow) => flow.nat !== undefined);
    const ports = (flow: (typeof flows)[number]) =>
      builtinTarget
        .run(flow)
        .expectations.map((e) => e.dport)
        .join();
    const changed = natFlows.filter((flow) => ports(flow) !== ports({ ...flow, nat: undefined }));
    expect(changed.length).toBeGreaterThan(5);
  });
});
