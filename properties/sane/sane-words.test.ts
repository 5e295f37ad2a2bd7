import { describe, expect, it } from "vitest";
import { concatBytes, saneString, word } from "./sane-words.ts";

describe("sane words", () => {
  it("writes words big-endian", () => {
    expect([...word(7)]).toEqual([0, 0, 0, 7]);
    expect([...word(0x01020304)]).toEqual([1, 2, 3, 4]);
    expect([...word(0xffffffff)]).toEqual([255, 255, 255, 255]);
  });
  it("writes a string with its length (NUL included) and the NUL", () => {
    expect([...saneString("ab")]).toEqual([0, 0, 0, 3, 0x61, 0x62, 0]);
    expect([...saneString(null)]).toEqual([0, 0, 0, 0]);
  });
  it("concatenates", () => {
    expect([...concatBytes([word(1), Uint8Array.of(9)])]).toEqual([0, 0, 0, 1, 9]);
  });
});
