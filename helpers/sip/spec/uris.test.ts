import { describe, expect, it } from "vitest";
import { lenient, strict, testContext, textMessage } from "./test-support.ts";
import { parseHeaderUri, parseRequest } from "./uris.ts";

const contact = (text: string, config: Record<string, unknown> = lenient) => {
  const message = textMessage(`REGISTER sip:x SIP/2.0\r\n${text}\r\n\r\n`);
  const found = parseHeaderUri(
    testContext({ config }),
    message,
    0,
    message.length,
    "contact",
    null,
  );
  return found.ret === 1 ? `${found.addr}:${found.port}` : found.ret;
};

describe("parseHeaderUri (§6.3)", () => {
  it("reads the address and the port, 5060 when absent", () => {
    expect(contact("Contact: <sip:alice@10.0.0.2:5062>")).toBe("10.0.0.2:5062");
    expect(contact("m: sip:10.0.0.2")).toBe("10.0.0.2:5060");
  });
  it("before 2026-04 a port outside 1024–65535 is malformed (-1); since, the header is skipped", () => {
    expect(contact("Contact: <sip:alice@10.0.0.2:80>")).toBe(-1);
    expect(contact("Contact: <sip:alice@10.0.0.2:80>", strict)).toBe(0);
    expect(contact("Contact: <sip:a@10.0.0.2:80>\r\nContact: <sip:b@10.0.0.3>", strict)).toBe(
      "10.0.0.3:5060",
    );
    expect(contact("Contact: <sip:alice@10.0.0.2:4294968320>")).toBe("10.0.0.2:1024");
  });
});

describe("parseRequest (§6.8 Request-URI)", () => {
  const request = (text: string) => {
    const message = textMessage(text);
    const found = parseRequest(testContext(), message, message.length);
    return found.ret === 1
      ? [text.slice(found.matchoff, found.matchoff + found.matchlen), found.port]
      : found.ret;
  };
  it("finds sip: on the first line and measures address[:port]", () => {
    expect(request("INVITE sip:bob@203.0.113.5 SIP/2.0\r\n")).toEqual(["203.0.113.5", 5060]);
    expect(request("INVITE SIP:203.0.113.5:5070;x SIP/2.0\r\n")).toEqual([
      "203.0.113.5:5070",
      5070,
    ]);
  });
  it("no sip: before the line end is malformed; a host name is none", () => {
    expect(request("INVITE tel:123 SIP/2.0\r\nTo: x\r\n")).toBe(-1);
    // The search stops 4 bytes before the end: a one-line message never reaches its CR.
    expect(request("INVITE tel:123 SIP/2.0\r\n")).toBe(0);
    expect(request("INVITE sip:bob@example.com SIP/2.0\r\n")).toBe(0);
    expect(request(" INVITE sip:bob@203.0.113.5\r\n")).toBe(0);
  });
});
