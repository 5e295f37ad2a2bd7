import { describe, expect, it } from "vitest";
import { NewlinePositions } from "./tracking.ts";

describe("NewlinePositions (§2.3 step 4)", () => {
  it("starts empty and appends up to two positions", () => {
    const positions = new NewlinePositions();
    expect(positions.includes(0)).toBe(false);
    positions.remember(8);
    positions.remember(16);
    positions.remember(8);
    expect(positions.positions).toEqual([8, 16]);
  });
  it("replaces the older one only with a newer position", () => {
    const positions = new NewlinePositions();
    positions.remember(16);
    positions.remember(8);
    positions.remember(4); // older than both: ignored
    expect(positions.positions).toEqual([16, 8]);
    positions.remember(30); // replaces 8, the older
    expect(positions.positions).toEqual([16, 30]);
  });
});
