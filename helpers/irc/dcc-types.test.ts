import { describe, expect, it } from "vitest";
import { bytesAt, dccTypeLength } from "./dcc-types.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const length = (s: string, at = 0, limit = s.length) => dccTypeLength(bytes(s), at, limit);

describe("dccTypeLength", () => {
  it.each([
    ["SEND f", 5],
    ["CHAT chat", 5],
    ["MOVE f", 5],
    ["TSEND f", 6],
    ["SCHAT chat", 6],
  ])("knows %s", (text, n) => expect(length(text)).toBe(n));
  it.each(["send f", "Send f", "SEND", "SENDX f", "RESUME f 5000 0", "ACCEPT f 5000 0", "XMIT f"])(
    "does not know %s",
    (text) => expect(length(text)).toBe(0),
  );
  it("matches at an offset and within the limit only", () => {
    expect(length("xxSEND f", 2)).toBe(5);
    expect(length("SEND f", 0, 4)).toBe(0);
  });
});

describe("bytesAt", () => {
  it("compares exactly inside the limit", () => {
    expect(bytesAt(bytes("a\x01DCC b"), 1, 7, bytes("\x01DCC "))).toBe(true);
    expect(bytesAt(bytes("a\x01dcc b"), 1, 7, bytes("\x01DCC "))).toBe(false);
    expect(bytesAt(bytes("a\x01DCC b"), 1, 5, bytes("\x01DCC "))).toBe(false);
  });
});
