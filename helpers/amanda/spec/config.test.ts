import { describe, expect, it } from "vitest";
import { FlowError } from "../../core/model.ts";
import { parseAmandaConfig } from "./config.ts";

describe("parseAmandaConfig (§5.1)", () => {
  it("defaults: 300 s, port 10080", () => {
    expect(parseAmandaConfig(undefined)).toEqual({ masterTimeout: 300, ports: [10080] });
    expect(parseAmandaConfig({ ports: [] })).toEqual({ masterTimeout: 300, ports: [10080] });
  });
  it("takes the documented options", () => {
    expect(parseAmandaConfig({ masterTimeout: 0, ports: [10080, 10081] })).toEqual({
      masterTimeout: 0,
      ports: [10080, 10081],
    });
  });
  it("rejects bad values and unknown keys", () => {
    expect(() => parseAmandaConfig({ masterTimeout: -1 })).toThrow(FlowError);
    expect(() => parseAmandaConfig({ masterTimeout: "300" })).toThrow(FlowError);
    expect(() => parseAmandaConfig({ masterTimeout: 2 ** 32 })).toThrow(FlowError);
    expect(() => parseAmandaConfig({ ports: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toThrow(FlowError);
    expect(() => parseAmandaConfig({ ports: [65536] })).toThrow(FlowError);
    expect(() => parseAmandaConfig({ master_timeout: 5 })).toThrow(/unknown config option/);
    expect(() => parseAmandaConfig({ loose: true })).toThrow(FlowError);
  });
});
