import { describe, expect, it } from "vitest";
import type { Expectation } from "../../core/model.ts";
import { ExpectationList } from "./expectations.ts";

const exp = (dport: number, src: string | null = "203.0.113.5"): Expectation => ({
  l4: "tcp",
  src,
  sport: null,
  dst: "10.0.0.2",
  dport,
});

describe("ExpectationList (§1.3)", () => {
  it("replaces an identical expectation and records both creations", () => {
    const list = new ExpectationList(1);
    expect(list.insert(exp(1025))).toBe("ok");
    expect(list.insert(exp(1025))).toBe("ok");
    expect(list.created).toHaveLength(2);
    expect(list.live).toEqual([exp(1025)]);
  });
  it("evicts the oldest at max_expected", () => {
    const list = new ExpectationList(1);
    list.insert(exp(1025));
    list.insert(exp(1026));
    expect(list.live).toEqual([exp(1026)]);
    expect(list.created.map((e) => e.dport)).toEqual([1025, 1026]);
  });
  it("refuses a clash under the intersected masks", () => {
    const list = new ExpectationList(2);
    list.insert(exp(1025, null));
    expect(list.insert(exp(1025))).toBe("busy");
    expect(list.created).toHaveLength(1);
  });
  it("removes on unexpect", () => {
    const list = new ExpectationList(1);
    list.insert(exp(1025));
    list.remove(exp(1025));
    expect(list.live).toEqual([]);
  });
});
