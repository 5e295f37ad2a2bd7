import { describe, expect, it } from "vitest";
import { FlowError } from "../core/model.ts";
import { parseIrcConfig } from "./config.ts";

describe("parseIrcConfig", () => {
  it("defaults to the module's 8 channels and 300 s", () => {
    expect(parseIrcConfig(undefined)).toEqual({ maxDccChannels: 8, dccTimeout: 300 });
    expect(parseIrcConfig({})).toEqual({ maxDccChannels: 8, dccTimeout: 300 });
  });
  it("takes every module parameter", () => {
    expect(parseIrcConfig({ maxDccChannels: 255, dccTimeout: 60, ports: [6667, 6697] })).toEqual({
      maxDccChannels: 255,
      dccTimeout: 60,
      ports: [6667, 6697],
    });
    expect(parseIrcConfig({ maxDccChannels: 1 }).maxDccChannels).toBe(1);
  });
  it.each([
    [{ maxDccChannels: 0 }, /"maxDccChannels" must be an integer 1..255/],
    [{ maxDccChannels: 256 }, /"maxDccChannels" must be an integer 1..255/],
    [{ maxDccChannels: 2.5 }, /"maxDccChannels"/],
    [{ maxDccChannels: "8" }, /"maxDccChannels"/],
    [{ dccTimeout: -1 }, /"dccTimeout"/],
    [{ dccTimeout: "300" }, /"dccTimeout"/],
    [{ ports: [70000] }, /^irc option "ports"/],
    [{ ports: 6667 }, /"ports"/],
    [{ maxDccChannel: 8 }, /^unknown irc option "maxDccChannel"/],
  ])("rejects %j", (raw, message) => {
    expect(() => parseIrcConfig(raw)).toThrow(FlowError);
    expect(() => parseIrcConfig(raw)).toThrow(message);
  });
  it("names the helper when the config is not an object", () => {
    expect(() => parseIrcConfig([] as unknown as Record<string, unknown>)).toThrow(
      /^irc config must be an object/,
    );
  });
});
