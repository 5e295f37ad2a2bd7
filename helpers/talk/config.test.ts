import { describe, expect, it } from "vitest";
import { FlowError } from "../core/model.ts";
import { parseTalkConfig } from "./config.ts";

describe("parseTalkConfig", () => {
  it("defaults to the announce helper with every flavour on", () => {
    expect(parseTalkConfig(undefined)).toEqual({
      mode: "announce",
      modeType: 3,
      talk: true,
      ntalk: true,
      ntalk2: true,
    });
  });
  it("takes the lookup helper and the module parameters as booleans or 0/1", () => {
    expect(parseTalkConfig({ mode: "lookup", ntalk: 0, ntalk2: false, talk: 1 })).toEqual({
      mode: "lookup",
      modeType: 1,
      talk: true,
      ntalk: false,
      ntalk2: false,
    });
  });
  it.each([
    [{ mode: "LOOK_UP" }, /"mode" must be "announce" or "lookup"/],
    [{ mode: 1 }, /"mode" must be "announce" or "lookup"/],
    [{ ntalk: 2 }, /"ntalk" must be true, false, 0 or 1/],
    [{ ports: [518] }, /unknown talk option "ports"/],
  ])("rejects %j", (raw, message) => {
    expect(() => parseTalkConfig(raw)).toThrow(FlowError);
    expect(() => parseTalkConfig(raw)).toThrow(message);
  });
});
