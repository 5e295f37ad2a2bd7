import { describe, expect, it } from "vitest";
import type { Segment } from "../../core/model.ts";
import { inputSeqs, u32 } from "./datagram-seq.ts";

const datagram = (dir: "orig" | "reply", length: number, seq?: number): Segment => ({
  dir,
  data: new Uint8Array(length),
  ...(seq === undefined ? {} : { seq }),
});

describe("inputSeqs", () => {
  it("counts each direction from 0 when seq is absent", () => {
    expect(inputSeqs([datagram("orig", 4), datagram("reply", 3), datagram("orig", 2)])).toEqual([
      0, 0, 4,
    ]);
  });
  it("keeps a given seq and continues after it, mod 2^32", () => {
    expect(
      inputSeqs([datagram("orig", 10, 2 ** 32 - 4), datagram("orig", 1), datagram("orig", 1, -1)]),
    ).toEqual([2 ** 32 - 4, 6, 2 ** 32 - 1]);
  });
  it("u32 wraps both ways", () => {
    expect(u32(2 ** 32 + 5)).toBe(5);
    expect(u32(-2)).toBe(2 ** 32 - 2);
  });
});
