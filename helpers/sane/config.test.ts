import { describe, expect, it } from "vitest";
import { FlowError } from "../core/model.ts";
import { parseSaneConfig } from "./config.ts";

describe("parseSaneConfig", () => {
  it("defaults to no options", () => {
    expect(parseSaneConfig(undefined)).toEqual({});
    expect(parseSaneConfig({})).toEqual({});
  });
  it("takes ports", () => {
    expect(parseSaneConfig({ ports: [6566, 6567] })).toEqual({ ports: [6566, 6567] });
  });
  it.each([
    [{ ports: [70000] }, /^sane option "ports" must be a list of ports/],
    [{ ports: 6566 }, /"ports" must be a list of ports/],
    [{ loose: true }, /^unknown sane option "loose"/],
  ])("rejects %j", (raw, message) => {
    expect(() => parseSaneConfig(raw)).toThrow(FlowError);
    expect(() => parseSaneConfig(raw)).toThrow(message);
  });
  it("names the helper when the config is not an object", () => {
    expect(() => parseSaneConfig([] as unknown as Record<string, unknown>)).toThrow(
      /^sane config must be an object/,
    );
  });
});
