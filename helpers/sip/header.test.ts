import { describe, expect, it } from "vitest";
import { ascii } from "./chars.ts";
import { dialectOf } from "./dialect.ts";
import {
  CONTACT,
  CONTENT_LENGTH,
  CSEQ,
  getHeader,
  headerSearch,
  type Match,
  TO,
  VIA_UDP,
  walkHeaders,
} from "./header.ts";

const v4 = dialectOf(4, true);
const find = (text: string, rule = CSEQ, from = 0) => {
  const data = ascii(text);
  const m: Match = { off: -1, len: -1 };
  const ret = getHeader(data, from, data.length, rule, v4, m);
  return ret > 0 ? text.slice(m.off, m.off + m.len) : ret;
};

describe("getHeader", () => {
  it("finds a header at a line start, never on the first line", () => {
    expect(find("INVITE x\r\nCSeq: 12 INVITE\r\n")).toBe("12");
    expect(find("CSeq: 12 INVITE\r\n\r\n")).toBe(0);
    expect(find("X\nCSeq:1\n")).toBe("1");
    expect(find("X\rCSeq:1\r")).toBe("1");
  });
  it("matches names caselessly, with whitespace and continuations around ':'", () => {
    expect(find("X\r\ncseq  :\t 7 A\r\n")).toBe("7");
    expect(find("X\r\nCSeq\r\n : 7 A\r\n")).toBe("7");
    expect(find("X\r\nCSeq:\r\n  8 A\r\n")).toBe("8");
  });
  it("stops at the first line that starts with the name but has no ':'", () => {
    expect(find("X\r\nCSeqX: 1\r\nCSeq: 2\r\n")).toBe(0);
  });
  it("takes compact forms only when a non-letter follows", () => {
    expect(find("X\r\nl: 42\r\n\r\n", CONTENT_LENGTH)).toBe("42");
    expect(find("X\r\nlx: 42\r\nContent-Length: 5\r\n", CONTENT_LENGTH)).toBe("5");
    expect(find("X\r\nl\xe9: 42\r\nl: 5\r\n", CONTENT_LENGTH)).toBe("5");
  });
  it("skips continuation lines as header starts", () => {
    expect(find("X\r\nA: b\r\n CSeq: 9\r\nCSeq: 3\r\n")).toBe("3");
  });
  it("reports a present header whose value does not measure as -1", () => {
    expect(find("X\r\nCSeq: abc\r\n")).toBe(-1);
    expect(find("X\r\nTo: <tel:123>\r\n", TO)).toBe(-1);
  });
  it("measures a URI's address after the user info, and a Via's after the transport", () => {
    expect(find("X\r\nTo: Bob <sip:bob@10.0.0.1:5070>;tag=1\r\n", TO)).toBe("10.0.0.1:5070");
    expect(find("X\r\nt: <SIP:10.0.0.1>\r\n", TO)).toBe("10.0.0.1");
    expect(find("X\r\nv: SIP/2.0/udp 10.0.0.2:5062;rport\r\n", VIA_UDP)).toBe("10.0.0.2:5062");
  });
});

describe("headerSearch", () => {
  it("follows continuation lines and stops at a line end", () => {
    const data = ascii("a\r\n b, c\r\nd,");
    expect(headerSearch(data, 0, data.length, ascii(","))).toBe(5);
    expect(headerSearch(data, 6, data.length, ascii(","))).toBe(-1);
  });
  it("wants a byte after the needle before the limit", () => {
    const data = ascii("x,");
    expect(headerSearch(data, 0, 2, ascii(","))).toBe(-1);
    expect(headerSearch(ascii("x,y"), 0, 3, ascii(","))).toBe(1);
  });
});

describe("walkHeaders", () => {
  const all = (text: string) => {
    const data = ascii(text);
    const m: Match = { off: 0, len: 0 };
    const walk = { inHeader: false };
    const found: string[] = [];
    let from = 0;
    while (walkHeaders(data, from, data.length, CONTACT, walk, v4, m) > 0 && found.length < 9) {
      found.push(text.slice(m.off, m.off + m.len));
      from = m.off + m.len;
    }
    return found;
  };
  it("walks comma lists and later headers, skipping values that do not parse", () => {
    expect(
      all(
        "R\r\nContact: <sip:a@10.0.0.2:6000>, <sip:b@host>, <sip:c@10.0.0.3>\r\nm: <sip:10.0.0.4>\r\n\r\n",
      ),
    ).toEqual(["10.0.0.2:6000", "10.0.0.3", "10.0.0.4"]);
  });
  it("does not miss a later Contact header after a hostname one (the 2022 fix)", () => {
    expect(
      all("R\r\nContact: <sip:a@example.com>\r\nContact: <sip:b@10.0.0.2:6100>\r\n\r\n"),
    ).toEqual(["10.0.0.2:6100"]);
  });
});
