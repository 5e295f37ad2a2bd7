import { describe, expect, it } from "vitest";
import { FlowError } from "../../core/model.ts";
import { parseSipConfig } from "./config.ts";

describe("parseSipConfig (docs/sip.md, config options)", () => {
  it("defaults: direct media and signalling on, external media off, the 2026 fixes on", () => {
    expect(parseSipConfig(undefined)).toEqual({
      directMedia: true,
      directSignalling: true,
      externalMedia: false,
      sameDeviceMedia: [],
      contentLengthWithinSegment: true,
      strictPorts: true,
      base10Parameters: true,
      sessionAddressGuard: true,
    });
  });
  it("strictParsing false turns the 2026 fixes off; addresses become canonical", () => {
    const config = parseSipConfig({ strictParsing: false, sameDeviceMedia: ["2001:DB8:0::9"] });
    expect([
      config.contentLengthWithinSegment,
      config.strictPorts,
      config.base10Parameters,
      config.sessionAddressGuard,
    ]).toEqual([false, false, false, false]);
    expect(config.sameDeviceMedia).toEqual(["2001:db8::9"]);
  });
  it("an unknown key or a wrong type is a FlowError naming the key", () => {
    expect(() => parseSipConfig({ loose: true })).toThrow(/unknown config option "loose"/);
    expect(() => parseSipConfig({ externalMedia: 1 })).toThrow(FlowError);
    expect(() => parseSipConfig({ externalMedia: 1 })).toThrow(/config\.externalMedia/);
    expect(() => parseSipConfig({ sameDeviceMedia: "10.0.0.1" })).toThrow(/sameDeviceMedia/);
  });
});
