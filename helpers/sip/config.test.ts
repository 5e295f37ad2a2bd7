import { describe, expect, it } from "vitest";
import { FlowError } from "../core/model.ts";
import { parseSipConfig } from "./config.ts";

describe("parseSipConfig", () => {
  it("defaults to the module parameters and the 6.18.44 parsing", () => {
    expect(parseSipConfig(undefined)).toEqual({
      directMedia: true,
      directSignalling: true,
      externalMedia: false,
      sameDeviceMedia: [],
      strictParsing: true,
    });
  });
  it("takes every option and canonicalizes the media addresses", () => {
    const c = parseSipConfig({
      directMedia: false,
      externalMedia: true,
      sameDeviceMedia: ["2001:DB8::0:1", "192.0.2.1"],
      strictParsing: false,
      directSignalling: false,
    });
    expect(c.sameDeviceMedia).toEqual(["2001:db8::1", "192.0.2.1"]);
    expect(c.directMedia || c.directSignalling || c.strictParsing).toBe(false);
  });
  it.each([
    [{ directMedia: 1 }, /"directMedia" must be a boolean/],
    [{ sameDeviceMedia: ["x"] }, /"sameDeviceMedia"/],
    [{ ports: [5060] }, /unknown sip option "ports"/],
    [{ bogus: true }, /unknown sip option "bogus"/],
  ])("names a bad key %#", (raw, message) => {
    expect(() => parseSipConfig(raw)).toThrow(FlowError);
    expect(() => parseSipConfig(raw)).toThrow(message);
  });
});
