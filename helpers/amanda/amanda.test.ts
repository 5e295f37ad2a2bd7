// The Amanda vectors of kernel-helpers.md §14 and checklist item 10, through the core
// driver, plus the NAT rewrite and its stale region end.

import { describe, expect, it } from "vitest";
import { runFlow } from "../core/driver.ts";
import type { Dir, Flow } from "../core/model.ts";
import { amandaHelper } from "./index.ts";

const B = "198.18.10.1"; // backup server (the UDP client)
const A = "192.0.2.80"; // amandad
const N = "198.19.10.1";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (d: Uint8Array) => new TextDecoder().decode(d);

function run(payloads: [Dir, string][], nat = false, config?: Record<string, unknown>) {
  const flow: Flow = {
    helper: "amanda",
    l4: "udp",
    client: { addr: B, port: 850 },
    server: { addr: A, port: 10080 },
    ...(nat ? { nat: { client: { addr: N } } } : {}),
    ...(config ? { config } : {}),
    segments: payloads.map(([dir, payload]) => ({ dir, data: bytes(payload) })),
  };
  return runFlow(amandaHelper, flow);
}

const ports = (payload: string, nat = false) =>
  run([["reply", payload]], nat).expectations.map((e) => e.dport);

describe("amanda helper (§14 Amanda vectors)", () => {
  it("expects one TCP connection per token from the backup server to amandad", () => {
    const outcome = run([["reply", "CONNECT DATA 50000 MESG 50001 INDEX 50002\n"]]);
    expect(outcome.expectations).toEqual(
      [50000, 50001, 50002].map((dport) => ({ l4: "tcp", src: B, sport: null, dst: A, dport })),
    );
    expect(outcome.segments[0].verdict).toBe("accept");
  });
  it("searches DATA first, so a DATA 0 after MESG stops everything", () => {
    expect(ports("CONNECT MESG 50001 DATA 0\n")).toEqual([]);
  });
  it("reads only 5 digits", () => expect(ports("CONNECT DATA 123456\n")).toEqual([12345]));
  it("finds CONNECT inside a word", () => expect(ports("XCONNECT DATA 5000\n")).toEqual([5000]));
  it("needs a newline after CONNECT", () => expect(ports("CONNECT DATA 5000")).toEqual([]));
});

describe("amanda helper (checklist item 10 and details)", () => {
  it("ignores the ORIGINAL direction", () => {
    const outcome = run([["orig", "CONNECT DATA 5000\n"]]);
    expect(outcome.expectations).toEqual([]);
    expect(text(outcome.segments[0].data)).toBe("CONNECT DATA 5000\n");
  });
  it("wraps at 16 bits; 65536 reads 0 and stops", () => {
    expect(ports("CONNECT DATA 99999 MESG 7\n")).toEqual([34463, 7]);
    expect(ports("CONNECT DATA 65536 MESG 7\n")).toEqual([]);
  });
  it("matches tokens inside words, first occurrence only, in DATA MESG INDEX STATE order", () => {
    expect(ports("CONNECT METADATA 5 DATA 6\n")).toEqual([5]);
    expect(ports("CONNECT STATE 4 INDEX 3 MESG 2 DATA 1\n")).toEqual([1, 2, 3, 4]);
  });
  it("reads 0 after a double space and stops", () => {
    expect(ports("CONNECT DATA  5000 MESG 6\n")).toEqual([]);
  });
  it("skips a missing token without stopping", () => {
    expect(ports("CONNECT MESG 6 INDEX 7\n")).toEqual([6, 7]);
  });
  it("ignores tokens after the newline", () => {
    expect(ports("CONNECT DATA 1\nMESG 2\n")).toEqual([1]);
  });
  it("keeps at most 4 expectations: a second reply evicts the oldest ones", () => {
    const outcome = run([
      ["reply", "CONNECT DATA 1 MESG 2 INDEX 3 STATE 4\n"],
      ["reply", "CONNECT DATA 5\n"],
    ]);
    expect(outcome.expectations.map((e) => e.dport)).toEqual([1, 2, 3, 4, 5]);
  });
  it("accepts an empty reply and a master timeout option", () => {
    const outcome = run([["reply", ""]], false, { masterTimeout: 60 });
    expect(outcome.segments[0].verdict).toBe("accept");
  });
});

describe("amanda NAT (nf_nat_amanda)", () => {
  it("keeps the expectation toward amandad and leaves plain ports as they are", () => {
    const outcome = run([["reply", "CONNECT DATA 50000 MESG 50001\n"]], true);
    expect(outcome.expectations.map((e) => [e.src, e.dst, e.dport])).toEqual([
      [B, A, 50000],
      [B, A, 50001],
    ]);
    expect(text(outcome.segments[0].data)).toBe("CONNECT DATA 50000 MESG 50001\n");
  });
  it("rewrites exactly the digits read: leading zeros go, a wrapped value is written", () => {
    const outcome = run([["reply", "CONNECT DATA 0123 MESG 999996\n"]], true);
    expect(text(outcome.segments[0].data)).toBe("CONNECT DATA 123 MESG 344636\n");
    expect(outcome.segments[0].seq).toBe(0);
  });
  it("copies digits with the stale region end: a copy past the data stops the search", () => {
    expect(ports("CONNECT DATA 00001 MESG 12\n", true)).toEqual([1]);
    expect(ports("CONNECT DATA 00001 MESG 12\n", false)).toEqual([1, 12]);
    expect(ports("CONNECT DATA 00001 MESG 12\nOPTIONS x;\n", true)).toEqual([1, 12]);
  });
  it("searches the rewritten bytes with the stale region end: a token past the newline counts", () => {
    expect(ports("CONNECT DATA 00001 MESG 00002\nINDEX 3", true)).toEqual([1, 2, 3]);
    expect(ports("CONNECT DATA 00001 MESG 00002\nINDEX 3", false)).toEqual([1, 2]);
  });
});
