import { describe, expect, it } from "vitest";
import { newParsedAddress } from "./address.ts";
import { ascii } from "./chars.ts";
import { dialectOf } from "./dialect.ts";
import { CONTACT, type Match, VIA_UDP } from "./header.ts";
import { parseHeaderUri, parseRequest, uriEnd } from "./uri.ts";

const strict = dialectOf(4, true);
const legacy = dialectOf(4, false);

function uri(text: string, rule = CONTACT, dialect = strict) {
  const data = ascii(text);
  const m: Match = { off: 0, len: 0 };
  const out = newParsedAddress();
  const ret = parseHeaderUri(data, 0, data.length, rule, null, dialect, m, out);
  return ret > 0 ? [text.slice(m.off, m.off + m.len), out.port, uriEnd.at] : ret;
}

describe("parseHeaderUri", () => {
  it("gives the address text, the port (5060 when absent) and where the port ends", () => {
    expect(uri("R\r\nContact: <sip:a@10.0.0.2:6101>\r\n")).toEqual(["10.0.0.2:6101", 6101, 32]);
    expect(uri("R\r\nm: sip:10.0.0.2;x\r\n")).toEqual(["10.0.0.2", 5060, 18]);
    expect(uri("R\r\nVia: SIP/2.0/UDP 10.0.0.2:5062\r\n", VIA_UDP)).toEqual([
      "10.0.0.2:5062",
      5062,
      33,
    ]);
  });
  it("skips values that do not measure, and fails on a port outside 1024…65535 (legacy)", () => {
    expect(uri("R\r\nContact: <sip:a@host>\r\nContact: <sip:10.0.0.3>\r\n")).toEqual([
      "10.0.0.3",
      5060,
      48,
    ]);
    expect(uri("R\r\nContact: <sip:a@10.0.0.2:1000>\r\n")).toBe(0);
    expect(uri("R\r\nContact: <sip:a@10.0.0.2:1000>\r\n", CONTACT, legacy)).toBe(-1);
    expect(uri("R\r\nContact: <sip:a@10.0.0.2:4294972356>\r\n", CONTACT, legacy)).toEqual([
      "10.0.0.2:4294972356",
      5060,
      38,
    ]);
  });
});

describe("parseRequest", () => {
  const request = (text: string, dialect = strict) => {
    const data = ascii(text);
    const m: Match = { off: 0, len: 0 };
    const out = newParsedAddress();
    const ret = parseRequest(data, 0, data.length, dialect, m, out);
    return ret > 0 ? [text.slice(m.off, m.off + m.len), out.port] : ret;
  };
  it("finds the Request-URI's address after the user info", () => {
    expect(request("INVITE sip:bob@10.0.0.1 SIP/2.0\r\n")).toEqual(["10.0.0.1", 5060]);
    expect(request("INVITE SIP:10.0.0.1:5070;x SIP/2.0\r\n")).toEqual(["10.0.0.1:5070", 5070]);
  });
  it("is -1 when no sip: comes before the line end, 0 without a method or address", () => {
    expect(request("INVITE tel:123 SIP/2.0\r\nVia: x\r\n")).toBe(-1);
    expect(request(" INVITE sip:10.0.0.1 SIP/2.0\r\n")).toBe(0);
    expect(request("INVITE sip:bob@example.com SIP/2.0\r\n")).toBe(0);
  });
});
