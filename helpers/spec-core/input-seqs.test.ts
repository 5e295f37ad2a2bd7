import { describe, expect, it } from "vitest";
import type { Segment } from "../core/model.ts";
import { inputSeqs } from "./input-seqs.ts";

const segment = (dir: "orig" | "reply", length: number, seq?: number): Segment => ({
  dir,
  data: new Uint8Array(length),
  ...(seq === undefined ? {} : { seq }),
});

describe("inputSeqs", () => {
  it("counts each direction from 0 when seq is absent", () => {
    expect(inputSeqs([segment("orig", 4), segment("reply", 3), segment("orig", 2)])).toEqual([
      0, 0, 4,
    ]);
  });
  it("keeps a given seq and continues after it, mod 2^32", () => {
    expect(
      inputSeqs([segment("orig", 10, 2 ** 32 - 4), segment("orig", 1), segment("orig", 1, -1)]),
    ).toEqual([2 ** 32 - 4, 6, 2 ** 32 - 1]);
  });
});
