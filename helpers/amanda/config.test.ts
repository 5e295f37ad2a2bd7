import { describe, expect, it } from "vitest";
import { FlowError } from "../core/model.ts";
import { parseAmandaConfig } from "./config.ts";

describe("parseAmandaConfig", () => {
  it("defaults to the kernel's master_timeout of 300 s", () => {
    expect(parseAmandaConfig(undefined)).toEqual({ masterTimeout: 300 });
    expect(parseAmandaConfig({})).toEqual({ masterTimeout: 300 });
  });
  it("takes masterTimeout and ports", () => {
    expect(parseAmandaConfig({ masterTimeout: 600, ports: [10080] })).toEqual({
      masterTimeout: 600,
      ports: [10080],
    });
  });
  it.each([
    [{ masterTimeout: -1 }, /"masterTimeout" must be an integer/],
    [{ masterTimeout: 1.5 }, /"masterTimeout" must be an integer/],
    [{ masterTimeout: "300" }, /"masterTimeout" must be an integer/],
    [{ ports: [65536] }, /^amanda option "ports" must be a list of ports/],
    [{ ts_algo: "bm" }, /^unknown amanda option "ts_algo"/],
  ])("rejects %j", (raw, message) => {
    expect(() => parseAmandaConfig(raw)).toThrow(FlowError);
    expect(() => parseAmandaConfig(raw)).toThrow(message);
  });
  it("names the helper when the config is not an object", () => {
    expect(() => parseAmandaConfig([] as unknown as Record<string, unknown>)).toThrow(
      /^amanda config must be an object/,
    );
  });
});
