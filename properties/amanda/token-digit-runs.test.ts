import { describe, expect, it } from "vitest";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { maskTokenDigits, tokenDigitRuns } from "./token-digit-runs.ts";

describe("tokenDigitRuns", () => {
  it("finds the digits after every token occurrence, inside words too", () => {
    expect(tokenDigitRuns(asciiBytes("CONNECT METADATA 5 DATA 0123 INDEX x\n"))).toEqual([
      { start: 17, digits: "5" },
      { start: 24, digits: "0123" },
      { start: 35, digits: "" },
    ]);
  });
  it("masks them", () => {
    expect(maskTokenDigits(asciiBytes("CONNECT DATA 0123 MESG 999996\n"))).toBe(
      "CONNECT DATA # MESG #\n",
    );
    expect(maskTokenDigits(asciiBytes("CONNECT DATA 123 MESG 344636\n"))).toBe(
      "CONNECT DATA # MESG #\n",
    );
    expect(maskTokenDigits(asciiBytes("CONNECT 5000\n"))).toBe("CONNECT 5000\n");
  });
});
