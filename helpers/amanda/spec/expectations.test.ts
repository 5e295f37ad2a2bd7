import { describe, expect, it } from "vitest";
import type { Expectation } from "../../core/model.ts";
import { ExpectationList } from "./expectations.ts";

const exp = (dport: number): Expectation => ({
  l4: "tcp",
  src: "10.0.0.2",
  sport: null,
  dst: "203.0.113.5",
  dport,
});
const ports = (list: Expectation[]) => list.map((e) => e.dport);

describe("ExpectationList (§1.3, max_expected 4)", () => {
  it("keeps up to 4, evicting the oldest; every creation is recorded", () => {
    const list = new ExpectationList(4);
    for (const port of [1, 2, 3, 4, 5, 6]) list.insert(exp(port));
    expect(ports(list.live)).toEqual([3, 4, 5, 6]);
    expect(ports(list.created)).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it("an identical one replaces the old and becomes the newest", () => {
    const list = new ExpectationList(4);
    for (const port of [1, 2, 3, 4, 1, 5]) list.insert(exp(port));
    expect(ports(list.live)).toEqual([3, 4, 1, 5]);
    expect(ports(list.created)).toEqual([1, 2, 3, 4, 1, 5]);
  });
  it("a replacement at the limit evicts nothing else", () => {
    const list = new ExpectationList(4);
    for (const port of [1, 2, 3, 4, 2]) list.insert(exp(port));
    expect(ports(list.live)).toEqual([1, 3, 4, 2]);
  });
});
