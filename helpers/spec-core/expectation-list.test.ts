import { describe, expect, it } from "vitest";
import type { Expectation } from "../core/model.ts";
import { ExpectationList } from "./expectation-list.ts";

const exp = (dport: number, src: string | null = "203.0.113.5"): Expectation => ({
  l4: "tcp",
  src,
  sport: null,
  dst: "10.0.0.2",
  dport,
});
const ports = (list: Expectation[]) => list.map((e) => e.dport);

describe("ExpectationList (§1.3)", () => {
  it("replaces an identical expectation and records both creations", () => {
    const list = new ExpectationList(1);
    expect(list.insert(exp(1025))).toBe("ok");
    expect(list.insert(exp(1025))).toBe("ok");
    expect(list.created).toHaveLength(2);
    expect(list.live).toEqual([exp(1025)]);
  });
  it("a replaced expectation is then the newest", () => {
    const list = new ExpectationList(8);
    list.insert(exp(5000));
    list.insert(exp(5001));
    expect(list.insert(exp(5000))).toBe("ok");
    expect(ports(list.created)).toEqual([5000, 5001, 5000]);
    expect(ports(list.live)).toEqual([5001, 5000]);
  });
  it("evicts the oldest at max_expected; every creation is recorded", () => {
    const one = new ExpectationList(1);
    one.insert(exp(1025));
    one.insert(exp(1026));
    expect(one.live).toEqual([exp(1026)]);
    expect(ports(one.created)).toEqual([1025, 1026]);
    const four = new ExpectationList(4);
    for (const port of [1, 2, 3, 4, 5, 6]) four.insert(exp(port));
    expect(ports(four.live)).toEqual([3, 4, 5, 6]);
    expect(ports(four.created)).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it("a replacement at the limit evicts nothing else", () => {
    const two = new ExpectationList(2);
    for (const port of [1, 2, 1]) two.insert(exp(port));
    expect(ports(two.live)).toEqual([2, 1]);
    const four = new ExpectationList(4);
    for (const port of [1, 2, 3, 4, 1, 5]) four.insert(exp(port));
    expect(ports(four.live)).toEqual([3, 4, 1, 5]);
    expect(ports(four.created)).toEqual([1, 2, 3, 4, 1, 5]);
    const again = new ExpectationList(4);
    for (const port of [1, 2, 3, 4, 2]) again.insert(exp(port));
    expect(ports(again.live)).toEqual([1, 3, 4, 2]);
  });
  it("max_expected 0 is unlimited", () => {
    const list = new ExpectationList(0);
    for (const port of [1, 2, 3]) list.insert(exp(port));
    expect(ports(list.live)).toEqual([1, 2, 3]);
  });
  it("refuses a clash under the intersected masks, either way round", () => {
    const wildcardFirst = new ExpectationList(2);
    wildcardFirst.insert(exp(1025, null));
    expect(wildcardFirst.insert(exp(1025))).toBe("busy");
    expect(wildcardFirst.created).toHaveLength(1);
    const exactFirst = new ExpectationList(8);
    exactFirst.insert(exp(5000, "203.0.113.5"));
    expect(exactFirst.insert(exp(5000, null))).toBe("busy");
    expect(exactFirst.created).toHaveLength(1);
  });
  it("removes on unexpect; the creation stays recorded", () => {
    const list = new ExpectationList(1);
    list.insert(exp(1025));
    list.remove(exp(1025));
    expect(list.live).toEqual([]);
    expect(list.created).toEqual([exp(1025)]);
  });
});

describe("ExpectationList with classes (§1.3, §6.1)", () => {
  const media = (dport: number, src: string | null = "203.0.113.5"): Expectation => ({
    ...exp(dport, src),
    l4: "udp",
  });
  it("counts max_expected per class and evicts the oldest of that class only", () => {
    const list = new ExpectationList([1, 4, 4, 2]);
    list.insert(media(5060), 0);
    for (const port of [1, 2, 3, 4, 5]) list.insert(media(port), 1);
    list.insert(media(7), 3);
    list.insert(media(8), 3);
    list.insert(media(9), 3);
    expect(ports(list.live)).toEqual([5060, 2, 3, 4, 5, 8, 9]);
    expect(list.liveEntries.map((e) => e.expectClass)).toEqual([0, 1, 1, 1, 1, 3, 3]);
    list.insert(media(5061), 0);
    expect(ports(list.live)).toEqual([2, 3, 4, 5, 8, 9, 5061]);
  });
  it("an identical expectation of another class is -EALREADY and changes nothing", () => {
    const list = new ExpectationList([1, 4, 4, 2]);
    list.insert(media(5000), 1);
    expect(list.insert(media(5000), 2)).toBe("already");
    expect(list.created).toHaveLength(1);
    expect(list.liveEntries[0].expectClass).toBe(1);
  });
  it("removeWhere flushes newest first up to a limit; find walks newest first", () => {
    const list = new ExpectationList([0, 0]);
    for (const port of [1, 2, 3]) list.insert(media(port), port === 2 ? 0 : 1);
    expect(list.find((e) => e.expectClass === 1)?.expectation.dport).toBe(3);
    expect(list.removeWhere((e) => e.expectClass === 1, 1)).toBe(1);
    expect(ports(list.live)).toEqual([1, 2]);
    expect(list.removeWhere((e) => e.expectClass === 1)).toBe(1);
    expect(ports(list.live)).toEqual([2]);
    expect(list.find((e) => e.expectClass === 1)).toBeNull();
    expect(ports(list.created)).toEqual([1, 2, 3]);
  });

  it("compares source masks: another mask is no replacement, a clash is under the shorter", () => {
    const list = new ExpectationList(4);
    const net = {
      l4: "udp" as const,
      src: "192.168.1.255",
      sport: 137,
      dst: "192.168.1.7",
      dport: 40000,
      srcMask: 24,
      permanent: true as const,
    };
    expect(list.insert(net)).toBe("ok");
    expect(list.insert({ ...net, src: "192.168.1.9", srcMask: undefined })).toBe("busy");
    expect(list.insert({ ...net, src: "192.168.2.9", srcMask: undefined })).toBe("ok");
    expect(list.insert({ ...net, srcMask: 16 })).toBe("busy");
    expect(list.insert(net)).toBe("ok");
    expect(list.live).toHaveLength(2);
    expect(list.created[0]).toEqual(net);
  });
});
