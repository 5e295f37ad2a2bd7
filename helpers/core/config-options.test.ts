import { describe, expect, it } from "vitest";
import { configEntries, isIntegerIn, isPortList, portsOption } from "./config-options.ts";

describe("config options", () => {
  it("takes an absent config as no options and refuses a non-object", () => {
    expect(configEntries("ftp", undefined)).toEqual([]);
    expect(configEntries("ftp", { loose: true })).toEqual([["loose", true]]);
    expect(() => configEntries("ftp", [] as never)).toThrow("ftp config must be an object");
    expect(() => configEntries("irc", null as never)).toThrow("irc config must be an object");
  });
  it("checks integers in a range and port lists", () => {
    expect(isIntegerIn(5, 1, 8)).toBe(true);
    expect(isIntegerIn(9, 1, 8)).toBe(false);
    expect(isIntegerIn(1.5, 0, 8)).toBe(false);
    expect(isPortList([21, 0, 65535])).toBe(true);
    expect(isPortList([65536])).toBe(false);
    expect(isPortList("21")).toBe(false);
    expect(portsOption("tftp", [69])).toEqual([69]);
    expect(() => portsOption("tftp", [-1])).toThrow('tftp option "ports" must be a list of ports');
  });
});
