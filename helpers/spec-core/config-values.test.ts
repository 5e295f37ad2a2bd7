import { describe, expect, it } from "vitest";
import { FlowError } from "../core/model.ts";
import {
  configEntries,
  isIntegerIn,
  isPortNumber,
  portsOption,
  readConfig,
  UINT_MAX,
  unknownOption,
} from "./config-values.ts";

describe("isIntegerIn / isPortNumber", () => {
  it("takes whole numbers in range only", () => {
    expect(isIntegerIn(0, 0, UINT_MAX)).toBe(true);
    expect(isIntegerIn(UINT_MAX, 0, UINT_MAX)).toBe(true);
    expect(isIntegerIn(2 ** 32, 0, UINT_MAX)).toBe(false);
    expect(isIntegerIn(1.5, 0, 9)).toBe(false);
    expect(isIntegerIn("8", 0, 9)).toBe(false);
    expect(isPortNumber(65535)).toBe(true);
    expect(isPortNumber(65536)).toBe(false);
    expect(isPortNumber(-1)).toBe(false);
  });
});

describe("configEntries", () => {
  it("no config is no options; an object gives its entries", () => {
    expect(configEntries("ftp", undefined)).toEqual([]);
    expect(configEntries("ftp", { loose: true })).toEqual([["loose", true]]);
  });
  it("rejects what is not an object, naming the helper", () => {
    for (const raw of [null, [], 5]) {
      expect(() => configEntries("irc", raw as unknown as Record<string, unknown>)).toThrow(
        /^irc: config must be an object$/,
      );
    }
  });
});

describe("portsOption (§1.1)", () => {
  it("takes up to 8 ports; none given = the default", () => {
    expect(portsOption("tftp", [69, 6969], [69])).toEqual([69, 6969]);
    expect(portsOption("tftp", [], [69])).toEqual([69]);
  });
  it.each([[[1, 2, 3, 4, 5, 6, 7, 8, 9]], [[70000]], [[1.5]], ["69"], [69]])(
    "rejects %j",
    (value) => {
      expect(() => portsOption("tftp", value, [69])).toThrow(FlowError);
      expect(() => portsOption("tftp", value, [69])).toThrow(
        "tftp: config.ports must be up to 8 port numbers",
      );
    },
  );
});

describe("unknownOption", () => {
  it("names the helper and the key", () => {
    const error = unknownOption("amanda", "master_timeout");
    expect(error).toBeInstanceOf(FlowError);
    expect(error.message).toBe('amanda: unknown config option "master_timeout"');
  });
});

describe("readConfig", () => {
  const read = (raw: Record<string, unknown> | undefined) =>
    readConfig(
      "toy",
      raw,
      { ports: [7], verbose: false },
      {
        ports: (value) => portsOption("toy", value, [7]),
        verbose: (value) => value === true,
      },
    );
  it("keeps the defaults for absent keys and reads the given ones", () => {
    expect(read(undefined)).toEqual({ ports: [7], verbose: false });
    expect(read({ verbose: true })).toEqual({ ports: [7], verbose: true });
    expect(read({ ports: [8, 9] })).toEqual({ ports: [8, 9], verbose: false });
  });
  it("rejects unknown keys, inherited names included, and bad values", () => {
    expect(() => read({ toString: 1 })).toThrow('toy: unknown config option "toString"');
    expect(() => read({ port: [7] })).toThrow(FlowError);
    expect(() => read({ ports: "7" })).toThrow(/config.ports/);
  });
});
