import { describe, expect, it } from "vitest";
import {
  followContinuation,
  getHeader,
  headerSearch,
  type SipHeaderType,
  walkHeaders,
} from "./headers.ts";
import { testContext, textMessage } from "./test-support.ts";

const find = (text: string, type: SipHeaderType) => {
  const message = textMessage(text);
  const found = getHeader(testContext(), message, 0, message.length, type);
  return found.ret === 1 ? text.slice(found.matchoff, found.matchoff + found.matchlen) : found.ret;
};

describe("getHeader (§6.3)", () => {
  it("finds full and compact names at a line start, any case, with whitespace round ':'", () => {
    expect(find("X\r\nContent-Length: 12\r\n", "contentLength")).toBe("12");
    expect(find("X\r\ncontent-length\t:\t12\r\n", "contentLength")).toBe("12");
    expect(find("X\nl: 7\n", "contentLength")).toBe("7");
    expect(find("X\rL:7\r", "contentLength")).toBe("7");
    expect(find("X\r\nv: SIP/2.0/UDP 10.0.0.2:5060\r\n", "viaUdp")).toBe("10.0.0.2:5060");
  });
  it("never takes the first line, a compact name followed by a letter, or a continuation", () => {
    expect(find("Content-Length: 5\r\n", "contentLength")).toBe(0);
    expect(find("X\r\nlx: 5\r\n", "contentLength")).toBe(0);
    expect(find("X\r\n Content-Length: 5\r\n", "contentLength")).toBe(0);
  });
  it("folds one continuation line before or after ':'", () => {
    expect(find("X\r\nCSeq\r\n : 5 INVITE\r\n", "cseq")).toBe("5");
    expect(find("X\r\nCSeq:\r\n\t5 INVITE\r\n", "cseq")).toBe("5");
  });
  it("a line starting with the name but no ':' ends the search", () => {
    expect(find("X\r\nl-foo: 1\r\nl: 5\r\n", "contentLength")).toBe(0);
    expect(find("X\r\nContent-Lengthy: 1\r\nl: 5\r\n", "contentLength")).toBe(0);
  });
  it("a value that does not parse is -1 (no digits, no 'sip:', a host name)", () => {
    expect(find("X\r\nCSeq: abc\r\n", "cseq")).toBe(-1);
    expect(find("X\r\nContact: *\r\n", "contact")).toBe(-1);
    expect(find("X\r\nContact: <sip:alice@host>\r\n", "contact")).toBe(-1);
    expect(find("X\r\nContact: <SIP:alice@10.0.0.2>\r\n", "contact")).toBe("10.0.0.2");
  });
});

describe("walkHeaders (§6.3, Part B 2022-09)", () => {
  it("skips unparsable headers and walks comma lists", () => {
    const text =
      "X\r\nContact: <sip:a@host>\r\nContact: <sip:b@10.0.0.3>, <sip:c@10.0.0.4>\r\n" +
      "Contact: <sip:d@10.0.0.5>\r\n";
    const message = textMessage(text);
    const inHeader = { value: false };
    const seen: string[] = [];
    let from = 0;
    for (let i = 0; i < 5; i++) {
      const found = walkHeaders(testContext(), message, from, message.length, "contact", inHeader);
      if (found.ret <= 0) break;
      seen.push(text.slice(found.matchoff, found.matchoff + found.matchlen));
      from = found.matchoff + found.matchlen;
    }
    expect(seen).toEqual(["10.0.0.3", "10.0.0.4", "10.0.0.5"]);
  });
});

describe("headerSearch / followContinuation", () => {
  it("searches within one header and its continuations; the needle must end before the limit", () => {
    const message = textMessage("a;b\r\n c,d\r\ne,");
    expect(headerSearch(message, 0, message.length, ",")).toBe(7);
    expect(headerSearch(message, 0, 8, ",")).toBeNull();
    expect(headerSearch(message, 8, message.length, ",")).toBeNull();
    expect(followContinuation(message, 3, message.length)).toBe(6);
    expect(followContinuation(message, 9, message.length)).toBeNull();
  });
});
