import { describe, expect, it } from "vitest";
import { ExpectationTable, expectationTableFor } from "./expectation-table.ts";
import type { ExpectationRequest } from "./helper.ts";

const pinhole = (over: Partial<ExpectationRequest> = {}): ExpectationRequest => ({
  l4: "tcp",
  src: "203.0.113.5",
  sport: null,
  dst: "10.0.0.2",
  dport: 1025,
  ...over,
});

describe("ExpectationTable", () => {
  it("inserts and records without the class field", () => {
    const t = new ExpectationTable(4);
    expect(t.expect(pinhole({ expectClass: 0 }))).toBe("ok");
    expect(t.created).toEqual([pinhole()]);
    expect(t.live()).toEqual([pinhole()]);
    expect("expectClass" in t.created[0]).toBe(false);
  });
  it("replaces an identical expectation and records both creations", () => {
    const t = new ExpectationTable(4);
    t.expect(pinhole());
    expect(t.expect(pinhole())).toBe("ok");
    expect(t.created).toHaveLength(2);
    expect(t.live()).toEqual([pinhole()]);
  });
  it("answers already for an identical one of another class", () => {
    const t = new ExpectationTable([4, 4]);
    t.expect(pinhole());
    expect(t.expect(pinhole({ expectClass: 1 }))).toBe("already");
    expect(t.created).toHaveLength(1);
  });
  it("answers busy on a clash under the intersected masks", () => {
    const t = new ExpectationTable(4);
    t.expect(pinhole());
    // wildcard source overlaps the exact one
    expect(t.expect(pinhole({ src: null }))).toBe("busy");
    // an exact source port on one side is still covered by the other's wildcard
    expect(t.expect(pinhole({ sport: 20 }))).toBe("busy");
    expect(t.live()).toHaveLength(1);
  });
  it("does not clash on a different source, destination or port", () => {
    const t = new ExpectationTable(8);
    t.expect(pinhole());
    expect(t.expect(pinhole({ src: "203.0.113.6" }))).toBe("ok");
    expect(t.expect(pinhole({ dst: "10.0.0.3" }))).toBe("ok");
    expect(t.expect(pinhole({ dport: 1026 }))).toBe("ok");
    expect(t.expect(pinhole({ l4: "udp" }))).toBe("ok");
    expect(t.live()).toHaveLength(5);
  });
  it("keeps a source mask and the permanent flag, and clashes under the shorter prefix", () => {
    const t = new ExpectationTable(4);
    const net = pinhole({ l4: "udp", src: "192.168.1.255", srcMask: 24, permanent: true });
    expect(t.expect(net)).toBe("ok");
    expect(t.created).toEqual([net]);
    // same /24, exact source: clashes under the intersection (/24)
    expect(t.expect(pinhole({ l4: "udp", src: "192.168.1.7" }))).toBe("busy");
    // another /24: no clash
    expect(t.expect(pinhole({ l4: "udp", src: "192.168.2.7" }))).toBe("ok");
    // identical tuple with another mask is no replacement: it clashes
    expect(t.expect({ ...net, srcMask: 16 })).toBe("busy");
    // identical tuple and mask: replaced
    expect(t.expect(net)).toBe("ok");
    expect(t.live()).toEqual([pinhole({ l4: "udp", src: "192.168.2.7" }), net]);
  });
  it("evicts the oldest of the class over max_expected", () => {
    const t = new ExpectationTable(1);
    t.expect(pinhole({ dport: 1 }));
    t.expect(pinhole({ dport: 2 }));
    t.expect(pinhole({ dport: 3 }));
    expect(t.live()).toEqual([pinhole({ dport: 3 })]);
    expect(t.created.map((e) => e.dport)).toEqual([1, 2, 3]);
  });
  it("keeps the limit per class", () => {
    const t = new ExpectationTable([1, 2]);
    t.expect(pinhole({ dport: 1, expectClass: 0 }));
    t.expect(pinhole({ dport: 2, expectClass: 1 }));
    t.expect(pinhole({ dport: 3, expectClass: 1 }));
    t.expect(pinhole({ dport: 4, expectClass: 1 }));
    expect(t.live().map((e) => e.dport)).toEqual([1, 3, 4]);
  });
  it("treats max_expected 0 as unlimited", () => {
    const t = new ExpectationTable(0);
    for (let p = 1; p <= 300; p++) t.expect(pinhole({ dport: p }));
    expect(t.live()).toHaveLength(300);
  });
  it("stops scanning after a replacement, so an older clash is not seen", () => {
    const t = new ExpectationTable(8);
    t.expect(pinhole({ src: "203.0.113.6" }));
    t.expect(pinhole());
    // the newer identical entry is found first; the older one that would clash with a
    // wildcard is never compared, but this request is not a wildcard: both stay distinct
    expect(t.expect(pinhole())).toBe("ok");
    expect(t.live()).toHaveLength(2);
  });
  it("refuses a wildcard that overlaps a live one even when its port differs only in sport", () => {
    const t = new ExpectationTable(8);
    t.expect(pinhole({ sport: 7 }));
    expect(t.expect(pinhole({ sport: 8 }))).toBe("ok");
    expect(t.expect(pinhole())).toBe("busy");
    expect(t.live().map((e) => e.sport)).toEqual([7, 8]);
  });
  it("removes the live entries a match picks, newest first, up to a limit", () => {
    const t = new ExpectationTable([1, 4]);
    t.expect(pinhole({ dport: 2000, expectClass: 1 }));
    t.expect(pinhole({ dport: 2001, expectClass: 1 }));
    t.expect(pinhole({ dport: 5060, expectClass: 0 }));
    expect(t.remove((_, c) => c === 1, 1)).toBe(1);
    expect(t.live().map((e) => e.dport)).toEqual([2000, 5060]);
    expect(t.remove((_, c) => c !== 0)).toBe(1);
    expect(t.live().map((e) => e.dport)).toEqual([5060]);
    expect(t.created).toHaveLength(3);
  });
  it("finds the newest live entry a match picks", () => {
    const t = new ExpectationTable([1, 4]);
    t.expect(pinhole({ dport: 2000, expectClass: 1 }));
    t.expect(pinhole({ dport: 2002, expectClass: 1 }));
    expect(t.find((e, c) => c === 1 && e.dport >= 2000)?.dport).toBe(2002);
    expect(t.find((_, c) => c === 0)).toBeUndefined();
  });
  it("takes one cap per class from a policy that has them", () => {
    const t = expectationTableFor({
      maxExpected: 1,
      maxExpectedByClass: [1, 2],
      timeoutSeconds: 1,
    });
    for (const dport of [2000, 2002, 2004]) t.expect(pinhole({ dport, expectClass: 1 }));
    expect(t.live().map((e) => e.dport)).toEqual([2002, 2004]);
    const single = expectationTableFor({ maxExpected: 1, timeoutSeconds: 1 });
    single.expect(pinhole({ dport: 1 }));
    single.expect(pinhole({ dport: 2 }));
    expect(single.live().map((e) => e.dport)).toEqual([2]);
  });
});
