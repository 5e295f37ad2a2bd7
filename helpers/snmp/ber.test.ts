import { describe, expect, it } from "vitest";
import { BerFailure, closeElement, hasMore, peekTag, readLength, tagMatches } from "./ber.ts";

const b = (...bytes: number[]) => Uint8Array.from(bytes);
const err = (x: unknown) => (x instanceof BerFailure ? x.error : "ok");

describe("peekTag", () => {
  it("needs a tag and a length byte before the limit", () => {
    expect(err(peekTag(b(0x30), 0, 1))).toBe("data-overrun");
    expect(peekTag(b(0x30, 0), 0, 2)).toBe(0x30);
  });
  it("rejects a long tag", () => {
    expect(err(peekTag(b(0x5f, 0x01, 0), 0, 3))).toBe("long-tag");
  });
});

describe("tagMatches", () => {
  it("ignores the CONS bit only when the grammar wants a constructed element", () => {
    expect(tagMatches(0x30, 0x30)).toBe(true);
    expect(tagMatches(0x10, 0x30)).toBe(true);
    expect(tagMatches(0x82, 0xa2)).toBe(true);
    expect(tagMatches(0x22, 0x02)).toBe(false);
    expect(tagMatches(0x31, 0x30)).toBe(false);
  });
});

describe("readLength", () => {
  it("short form fits or overruns", () => {
    expect(readLength(b(0x04, 2, 1, 2), 0, 4, 0x04)).toEqual({ tag: 4, content: 2, end: 4 });
    expect(err(readLength(b(0x04, 3, 1, 2), 0, 4, 0x04))).toBe("data-overrun");
  });
  it("long form 0x81 and 0x82, also non-minimal", () => {
    expect(readLength(b(0x04, 0x81, 1, 9), 0, 4, 0x04)).toEqual({ tag: 4, content: 3, end: 4 });
    expect(readLength(b(0x04, 0x82, 0, 1, 9), 0, 5, 4)).toEqual({ tag: 4, content: 4, end: 5 });
  });
  it("0x83 and longer are unsupported even when they fit", () => {
    expect(err(readLength(b(0x04, 0x83, 0, 0, 1, 9), 0, 6, 4))).toBe("length-too-long");
  });
  it("the length bytes and the content must fit", () => {
    expect(err(readLength(b(0x04, 0x82, 0), 0, 3, 4))).toBe("data-overrun");
    expect(err(readLength(b(0x04, 0x81, 2, 9), 0, 4, 4))).toBe("data-overrun");
  });
  it("indefinite only on a CONS tag, with 2 bytes left", () => {
    expect(err(readLength(b(0x10, 0x80, 0, 0), 0, 4, 0x10))).toBe("indefinite-primitive");
    expect(readLength(b(0x30, 0x80, 0, 0), 0, 4, 0x30)).toEqual({
      tag: 0x30,
      content: 2,
      end: null,
    });
    expect(err(readLength(b(0x30, 0x80, 0), 0, 3, 0x30))).toBe("data-overrun");
  });
});

describe("closeElement and hasMore", () => {
  it("definite: must end exactly at its end", () => {
    const e = { tag: 0x30, content: 2, end: 4 };
    expect(closeElement(b(), 4, e, 9)).toBe(4);
    expect(err(closeElement(b(), 3, e, 9))).toBe("cons-length");
    expect(hasMore(b(), 3, e, 9)).toBe(true);
    expect(hasMore(b(), 4, e, 9)).toBe(false);
  });
  it("indefinite: 00 00, missing or invalid EOC, overrun", () => {
    const e = { tag: 0x30, content: 2, end: null };
    expect(closeElement(b(0x30, 0x80, 0, 0), 2, e, 4)).toBe(4);
    expect(err(closeElement(b(0x30, 0x80, 1, 0), 2, e, 4))).toBe("missing-eoc");
    expect(err(closeElement(b(0x30, 0x80, 0, 1), 2, e, 4))).toBe("invalid-eoc");
    expect(err(closeElement(b(0x30, 0x80, 0), 2, e, 3))).toBe("data-overrun");
    expect(hasMore(b(0x30, 0x80, 0x30, 0), 2, e, 4)).toBe(true);
    expect(hasMore(b(0x30, 0x80, 0, 0), 2, e, 4)).toBe(false);
  });
});
