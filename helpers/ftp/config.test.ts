import { describe, expect, it } from "vitest";
import { FlowError } from "../core/model.ts";
import { parseFtpConfig } from "./config.ts";

describe("parseFtpConfig", () => {
  it("defaults to the stable kernel without loose", () => {
    expect(parseFtpConfig(undefined)).toEqual({ loose: false, avoidU16Overflows: false });
    expect(parseFtpConfig({})).toEqual({ loose: false, avoidU16Overflows: false });
  });
  it("takes loose, the 2026 fix and ports", () => {
    expect(parseFtpConfig({ loose: true, avoidU16Overflows: true, ports: [21, 2121] })).toEqual({
      loose: true,
      avoidU16Overflows: true,
      ports: [21, 2121],
    });
  });
  it("names the helper when the config is not an object", () => {
    expect(() => parseFtpConfig([] as unknown as Record<string, unknown>)).toThrow(
      /^ftp config must be an object/,
    );
  });
  it.each([
    [{ loose: 1 }, /"loose" must be a boolean/],
    [{ avoidU16Overflows: "yes" }, /"avoidU16Overflows" must be a boolean/],
    [{ ports: [70000] }, /^ftp option "ports"/],
    [{ ports: 21 }, /^ftp option "ports"/],
    [{ loosee: true }, /unknown ftp option "loosee"/],
  ])("rejects %j", (raw, message) => {
    expect(() => parseFtpConfig(raw)).toThrow(FlowError);
    expect(() => parseFtpConfig(raw)).toThrow(message);
  });
});
