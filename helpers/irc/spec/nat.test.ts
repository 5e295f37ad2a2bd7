import { describe, expect, it } from "vitest";
import { replacementText } from "./nat.ts";

describe("replacementText (§3.4)", () => {
  it("writes the address as one unsigned decimal and the port", () => {
    expect(replacementText(3325256705, 5000)).toBe("3325256705 5000");
    expect(replacementText(0xffffffff, 65535)).toBe("4294967295 65535");
    expect(replacementText(1, 1)).toBe("1 1");
  });
});
