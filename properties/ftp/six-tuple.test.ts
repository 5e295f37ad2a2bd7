import { describe, expect, it } from "vitest";
import { sixTupleText } from "./six-tuple.ts";

const plain = Array.from({ length: 6 }, () => (v: number) => String(v));

describe("sixTupleText", () => {
  it("writes the address octets and the port as high, low byte", () => {
    expect(sixTupleText("198.18.1.2", 10001, plain)).toBe("198,18,1,2,39,17");
  });
  it("applies each field's spelling", () => {
    const spellings = [...plain];
    spellings[4] = (v) => `00${v}`;
    expect(sixTupleText("10.0.0.2", 1025, spellings)).toBe("10,0,0,2,004,1");
  });
});
