import { describe, expect, it } from "vitest";
import { ascii } from "./chars.ts";
import { SipMessage } from "./connection.ts";
import { mangle } from "./mangle.ts";

describe("mangle", () => {
  it("replaces a span and follows the message length", () => {
    const m = new SipMessage();
    m.data = ascii("AB1.2.3.4:5060CD");
    m.start = 0;
    m.length = 16;
    mangle(m, 2, 12, "198.51.100.1:5060");
    expect(String.fromCharCode(...m.data)).toBe("AB198.51.100.1:5060CD");
    expect(m.length).toBe(21);
  });
  it("keeps the same array when the text is already there", () => {
    const m = new SipMessage();
    const data = ascii("xx10.0.0.2yy");
    m.data = data;
    m.length = 12;
    mangle(m, 2, 8, "10.0.0.2");
    expect(m.data).toBe(data);
    expect(m.length).toBe(12);
  });
});
