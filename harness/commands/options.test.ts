import { describe, expect, it } from "vitest";
import { UsageError } from "../usage.ts";
import {
  chooseProperties,
  collectNames,
  DEFAULT_RUNS,
  parseBudget,
  parseShard,
} from "./options.ts";

describe("parseBudget", () => {
  it("keeps both the runs asked for and the time, so a report can say which ended the run", () => {
    expect(parseBudget({ runs: "100000", time: "3", seed: "1" })).toEqual({
      runs: 100_000,
      runsAsked: 100_000,
      timeSeconds: 3,
      seed: 1,
    });
  });

  it("has no cap under --time alone, and the default otherwise", () => {
    expect(parseBudget({ time: "3", seed: "1" })).toMatchObject({
      runs: Number.MAX_SAFE_INTEGER,
      runsAsked: undefined,
    });
    expect(parseBudget({ seed: "1" }).runs).toBe(DEFAULT_RUNS);
    expect(parseBudget({ seed: "1" }, 1000).runs).toBe(1000);
  });

  it("takes every 32-bit seed and says the range of the rest", () => {
    expect(parseBudget({ seed: "-2147483648" }).seed).toBe(-2147483648);
    expect(parseBudget({ seed: "2147483647" }).seed).toBe(2147483647);
    expect(() => parseBudget({ seed: "99999999999999999999" })).toThrow(
      /--seed takes a whole number from -2147483648 to 2147483647, got 99999999999999999999 \(out of range\)/,
    );
    expect(() => parseBudget({ seed: "abc" })).toThrow(/--seed needs a whole number from/);
    expect(() => parseBudget({ runs: "-1" })).toThrow(/--runs takes a whole number from 1/);
  });
});

describe("collectNames", () => {
  const collect = collectNames("--property");
  it("gathers repeated flags and comma lists", () => {
    expect(collect("c", collect("a, b"))).toEqual(["a", "b", "c"]);
  });
  it("refuses an empty name, saying how to give several", () => {
    expect(() => collect("a,,b")).toThrow(UsageError);
    expect(() => collect("")).toThrow(/repeat the flag or give a comma list/);
  });
});

describe("chooseProperties", () => {
  it("is every property when none is named", () => {
    expect(chooseProperties(["ftp"], {})).toBeUndefined();
  });
  it("refuses a name no chosen helper has, listing the ones they have", () => {
    expect(() => chooseProperties(["tftp"], { property: ["forged-dcc-never-expects"] })).toThrow(
      /unknown property "forged-dcc-never-expects" for tftp \(known: never-throws, /,
    );
    expect(chooseProperties(["ftp", "irc"], { property: ["forged-dcc-never-expects"] })).toEqual([
      "forged-dcc-never-expects",
    ]);
  });
  it("keeps all but the skipped ones, and refuses to skip them all", () => {
    const kept = chooseProperties(["tftp"], { skipProperty: ["differential"] });
    expect(kept).toContain("never-throws");
    expect(kept).not.toContain("differential");
    const all = chooseProperties(["tftp"], { skipProperty: ["never-throws"] })!;
    expect(() => chooseProperties(["tftp"], { skipProperty: [...all, "never-throws"] })).toThrow(
      /leaves no property/,
    );
  });
});

describe("--time durations", () => {
  it("takes seconds, or units that add up", () => {
    const seconds = (time: string) => parseBudget({ time, seed: "1" }).timeSeconds;
    expect(seconds("90")).toBe(90);
    expect(seconds("1.5")).toBe(1.5);
    expect(seconds("10m")).toBe(600);
    expect(seconds("1h30m")).toBe(5400);
    expect(seconds("500ms")).toBe(0.5);
    expect(() => seconds("10 minutes")).toThrow(UsageError);
    expect(() => seconds("0m")).toThrow(/--time needs a positive number of seconds/);
  });
});

describe("parseShard", () => {
  it("takes i/n with 1 <= i <= n, 0-based inside", () => {
    expect(parseShard("1/4")).toEqual({ index: 0, count: 4 });
    expect(parseShard(" 4 / 4 ")).toEqual({ index: 3, count: 4 });
    for (const bad of ["0/4", "5/4", "4", "1/0", "-1/2", "a/b", "1/2/3"]) {
      expect(() => parseShard(bad), bad).toThrow(UsageError);
    }
  });
});
