import { describe, expect, it } from "vitest";
import type { Flow } from "../../helpers/core/model.ts";
import { flowRequestLine, isBase64, parseFlowReply, parseHello } from "./process-protocol.ts";

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
