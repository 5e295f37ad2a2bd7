import { describe, expect, it } from "vitest";
import type { Expectation } from "../core/model.ts";
import { ExpectationList } from "./expectation-list.ts";
import { findExpectationPort } from "./nat-port-search.ts";

const exp = (dport: number, src: string | null): Expectation => ({
  l4: "udp",
  src,
  sport: null,
  dst: "198.51.100.1",
  dport,
});

describe("findExpectationPort (§1.4 nf_nat_exp_find_port)", () => {
  it("takes the wanted port when free", () => {
    const list = new ExpectationList([1, 4]);
    expect(findExpectationPort(list, exp(0, "203.0.113.5"), 0, 5070)).toBe(5070);
    expect(list.live).toEqual([exp(5070, "203.0.113.5")]);
  });
  it("steps past clashes (the project's stand-in for the random retry)", () => {
    const list = new ExpectationList([1, 4]);
    list.insert(exp(5070, null), 1);
    list.insert(exp(5071, null), 1);
    expect(findExpectationPort(list, exp(0, "203.0.113.5"), 0, 5070)).toBe(5072);
  });
  it("gives up on -EALREADY, and when 65535 clashes there is no retry", () => {
    const list = new ExpectationList([1, 4]);
    list.insert(exp(5070, "203.0.113.5"), 1);
    expect(findExpectationPort(list, exp(0, "203.0.113.5"), 0, 5070)).toBe(0);
    list.insert(exp(65535, null), 1);
    expect(findExpectationPort(list, exp(0, "203.0.113.5"), 0, 65535)).toBe(0);
  });
});
