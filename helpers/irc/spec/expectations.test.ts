import { describe, expect, it } from "vitest";
import type { Expectation } from "../../core/model.ts";
import { ExpectationList } from "./expectations.ts";

const exp = (dport: number, src: string | null = null): Expectation => ({
  l4: "tcp",
  src,
  sport: null,
  dst: "192.168.1.2",
  dport,
});

describe("ExpectationList (§1.3)", () => {
  it("replaces an identical expectation: two creations, one live, now the newest", () => {
    const list = new ExpectationList(8);
    list.insert(exp(5000));
    list.insert(exp(5001));
    expect(list.insert(exp(5000))).toBe("ok");
    expect(list.created.map((e) => e.dport)).toEqual([5000, 5001, 5000]);
    expect(list.live.map((e) => e.dport)).toEqual([5001, 5000]);
  });
  it("evicts the oldest at max_expected", () => {
    const list = new ExpectationList(2);
    for (const port of [1, 2, 3]) list.insert(exp(port));
    expect(list.live.map((e) => e.dport)).toEqual([2, 3]);
    expect(list.created).toHaveLength(3);
  });
  it("replacing at the limit evicts nothing", () => {
    const list = new ExpectationList(2);
    list.insert(exp(1));
    list.insert(exp(2));
    list.insert(exp(1));
    expect(list.live.map((e) => e.dport)).toEqual([2, 1]);
  });
  it("refuses a clash under the intersected masks (not reachable from IRC alone)", () => {
    const list = new ExpectationList(8);
    list.insert(exp(5000));
    expect(list.insert(exp(5000, "203.0.113.5"))).toBe("busy");
    expect(list.created).toHaveLength(1);
  });
  it("removes on unexpect; the creation stays recorded", () => {
    const list = new ExpectationList(8);
    list.insert(exp(5000));
    list.remove(exp(5000));
    expect(list.live).toEqual([]);
    expect(list.created).toEqual([exp(5000)]);
  });
});
