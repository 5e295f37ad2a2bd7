import { describe, expect, it } from "vitest";
import type { Flow } from "../../helpers/core/model.ts";
import {
  flowRequestLine,
  helloLine,
  helloVersion,
  isBase64,
  parseFlowReply,
  parseHello,
  readFlowReply,
} from "./process-protocol.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const flow: Flow = {
  helper: "ftp",
  l4: "tcp",
  client: { addr: "198.18.1.2", port: 40000 },
  server: { addr: "198.19.1.2", port: 21 },
  segments: [
    { dir: "orig", data: bytes("USER a\r\n") },
    { dir: "reply", data: bytes("331\r\n") },
    { dir: "orig", data: bytes("PASS b\r\n") },
  ],
};

describe("flowRequestLine", () => {
  it("fills every seq, encodes data in base64 and leaves absent config and nat out", () => {
    const request = JSON.parse(flowRequestLine(7, flow));
    expect(request.op).toBe("flow");
    expect(request.id).toBe(7);
    expect(request.flow.segments).toEqual([
      { dir: "orig", seq: 0, data: "VVNFUiBhDQo=" },
      { dir: "reply", seq: 0, data: "MzMxDQo=" },
      { dir: "orig", seq: 8, data: "UEFTUyBiDQo=" },
    ]);
    expect("config" in request.flow).toBe(false);
    expect("nat" in request.flow).toBe(false);
  });
});

describe("parseFlowReply", () => {
  const reply = (outcome: unknown, id = 3) => JSON.stringify({ id, outcome });
  const accept = (seq: number, data: string) => ({ verdict: "accept", seq, data });

  it("reads an outcome and puts addresses in canonical form", () => {
    const outcome = parseFlowReply(
      reply({
        expectations: [
          { l4: "tcp", src: "2001:DB8:0:0:0:0:0:1", sport: null, dst: "2001:db8::2", dport: 5 },
        ],
        segments: [accept(0, "QQ==")],
      }),
      3,
      1,
    );
    expect(outcome.expectations[0].src).toBe("2001:db8::1");
    expect([...outcome.segments[0].data]).toEqual([0x41]);
  });

  it("reads srcMask and permanent when present and leaves them out when absent", () => {
    const e = { l4: "udp", src: "192.168.1.255", sport: 137, dst: "192.168.1.7", dport: 4 };
    const outcome = parseFlowReply(
      reply({
        expectations: [{ ...e, srcMask: 24, permanent: true }, e],
        segments: [accept(0, "QQ==")],
      }),
      3,
      1,
    );
    expect(outcome.expectations).toEqual([{ ...e, srcMask: 24, permanent: true }, e]);
    expect("srcMask" in outcome.expectations[1]).toBe(false);
    const bad = (extra: object) =>
      parseFlowReply(
        reply({ expectations: [{ ...e, ...extra }], segments: [accept(0, "")] }),
        3,
        1,
      );
    expect(() => bad({ srcMask: "24" })).toThrow(/expectations\[0\]\.srcMask/);
    expect(() => bad({ permanent: false })).toThrow(/expectations\[0\]\.permanent/);
  });

  it("names each way a reply can be wrong", () => {
    const ok = { expectations: [], segments: [accept(0, "QQ==")] };
    expect(() => parseFlowReply("nope", 3, 1)).toThrow(/wrote garbage/);
    expect(() => parseFlowReply("[1]", 3, 1)).toThrow(/not a JSON object/);
    expect(() => parseFlowReply(reply(ok, 4), 3, 1)).toThrow(
      /wrong id: request 3 was answered with id 4/,
    );
    expect(() => parseFlowReply(reply(ok), 3, 2)).toThrow(
      /too few segments: 1 segment outcomes for 2/,
    );
    expect(() => parseFlowReply(reply(ok), 3, 0)).toThrow(/too many segments/);
    expect(() =>
      parseFlowReply(reply({ expectations: [], segments: [accept(0, "Q!==")] }), 3, 1),
    ).toThrow(/segments\[0\]\.data must be base64/);
    expect(() =>
      parseFlowReply(reply({ expectations: [], segments: [{ ...accept(-1, "") }] }), 3, 1),
    ).toThrow(/seq must be an integer/);
    expect(() =>
      parseFlowReply(reply({ expectations: [{ l4: "sctp" }], segments: [accept(0, "")] }), 3, 1),
    ).toThrow(/expectations\[0\]\.l4/);
  });
});

describe("protocol 2: live expectations per segment", () => {
  const pinhole = (dport: number) => ({
    l4: "tcp",
    src: "198.19.1.2",
    sport: null,
    dst: "198.18.1.2",
    dport,
  });
  const segment = (live: unknown) => ({ verdict: "accept", seq: 0, data: "", live });
  const reply = (segments: unknown[]) =>
    JSON.stringify({ id: 3, outcome: { expectations: [pinhole(5), pinhole(6)], segments } });

  it("reads each segment's live set, canonical, in the program's order", () => {
    const line = reply([
      segment([pinhole(5)]),
      segment([pinhole(6), { ...pinhole(7), src: null, dst: "2001:DB8:0:0:0:0:0:1" }]),
    ]);
    const read = readFlowReply(line, 3, 2, 2);
    expect(read.liveAfter).toEqual([
      [pinhole(5)],
      [pinhole(6), { ...pinhole(7), src: null, dst: "2001:db8::1" }],
    ]);
    expect(read.outcome.expectations.map((e) => e.dport)).toEqual([5, 6]);
  });

  it("a v1 reply has no live sets, and a v1 reader ignores `live`", () => {
    const line = reply([segment([pinhole(5)])]);
    expect(readFlowReply(line, 3, 1, 1).liveAfter).toBeUndefined();
    expect(parseFlowReply(line, 3, 1).segments).toHaveLength(1);
  });

  it("names every malformed live field", () => {
    const v2 = (segments: unknown[]) => () => readFlowReply(reply(segments), 3, segments.length, 2);
    expect(v2([{ verdict: "accept", seq: 0, data: "" }])).toThrow(
      /malformed outcome: segments\[0\]\.live must be an array \(protocol 2\)/,
    );
    expect(v2([segment([]), segment({})])).toThrow(/segments\[1\]\.live must be an array/);
    expect(v2([segment([7])])).toThrow(/segments\[0\]\.live\[0\] must be an object/);
    expect(v2([segment([{ ...pinhole(5), l4: "sctp" }])])).toThrow(/segments\[0\]\.live\[0\]\.l4/);
    expect(v2([segment([pinhole(5), { ...pinhole(5), src: 1 }])])).toThrow(
      /segments\[0\]\.live\[1\]\.src must be an address or null/,
    );
    expect(v2([segment([{ ...pinhole(5), sport: "any" }])])).toThrow(/live\[0\]\.sport must be/);
    expect(v2([segment([{ ...pinhole(5), dst: null }])])).toThrow(/live\[0\]\.dst must be/);
    expect(v2([segment([{ ...pinhole(5), dport: 1.5 }])])).toThrow(/live\[0\]\.dport must be/);
  });
});

describe("the hello's version", () => {
  it("offers 2 while `version` stays 1, so a strict v1 program still says hello", () => {
    expect(JSON.parse(helloLine())).toEqual({ op: "hello", version: 1, versions: [1, 2] });
  });

  it("takes an absent version as 1, 1 and 2 as chosen, and refuses any other", () => {
    expect(helloVersion('{"ok":true,"helpers":[]}')).toBe(1);
    expect(helloVersion('{"ok":true,"version":1,"helpers":[]}')).toBe(1);
    expect(helloVersion('{"ok":true,"version":2,"helpers":[]}')).toBe(2);
    expect(() => helloVersion('{"ok":true,"version":3,"helpers":[]}')).toThrow(
      /another protocol version: it answered version 3, helperfuzz speaks 1 and 2/,
    );
    expect(() => helloVersion('{"ok":true,"version":"2","helpers":[]}')).toThrow(/version "2"/);
  });
});

describe("parseHello", () => {
  it("returns the helper names, or says why not", () => {
    expect(parseHello('{"ok":true,"helpers":["ftp","irc"]}')).toEqual(["ftp", "irc"]);
    expect(() => parseHello('{"ok":false,"error":"no v2"}')).toThrow(/refused the hello.*no v2/);
    expect(() => parseHello('{"ok":true}')).toThrow(/"helpers" must be an array/);
  });
});

describe("isBase64", () => {
  it("accepts padded RFC 4648 only", () => {
    expect(isBase64("")).toBe(true);
    expect(isBase64("QUJD")).toBe(true);
    expect(isBase64("QUI=")).toBe(true);
    expect(isBase64("QQ==")).toBe(true);
    expect(isBase64("QQ")).toBe(false);
    expect(isBase64("Q===")).toBe(false);
    expect(isBase64("QU I=")).toBe(false);
  });
});
