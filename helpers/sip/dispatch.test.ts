import { describe, expect, it } from "vitest";
import { processMessage } from "./dispatch.ts";
import { fixtureMessage } from "./message-fixture.ts";

const verdict = (text: string, config = {}) =>
  processMessage(fixtureMessage(text, "orig", {}, config));

describe("processMessage", () => {
  it("passes requests no handler takes without looking for CSeq", () => {
    expect(verdict("OPTIONS sip:x SIP/2.0\r\n\r\n")).toBe(true);
    expect(verdict("INVITEX sip:x SIP/2.0\r\n\r\n")).toBe(true);
    expect(verdict("INVITE 1 SIP/2.0\r\n\r\n")).toBe(true);
  });
  it("needs a numeric CSeq for a handled request, caseless method", () => {
    expect(verdict("invite sip:x SIP/2.0\r\n\r\n")).toBe(false);
    expect(verdict("invite sip:x SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n")).toBe(true);
  });
  it("needs a status code and a CSeq in every response", () => {
    expect(verdict("SIP/2.0 200 OK\r\n\r\n")).toBe(false);
    expect(verdict("SIP/2.0 000 OK\r\nCSeq: 1 X\r\n\r\n")).toBe(false);
    expect(verdict("sip/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n\r\n")).toBe(true);
    expect(verdict("SIP/2.0 4294967301 OK\r\nCSeq: 1 X\r\n\r\n")).toBe(false);
    expect(verdict("SIP/2.0 4294967301 OK\r\nCSeq: 1 X\r\n\r\n", { strictParsing: false })).toBe(
      true,
    );
  });
});
