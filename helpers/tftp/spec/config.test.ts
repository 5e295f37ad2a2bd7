import { describe, expect, it } from "vitest";
import { FlowError } from "../../core/model.ts";
import { parseTftpConfig } from "./config.ts";

describe("parseTftpConfig (§4.1)", () => {
  it("defaults to port 69", () => {
    expect(parseTftpConfig(undefined)).toEqual({ ports: [69] });
    expect(parseTftpConfig({})).toEqual({ ports: [69] });
    expect(parseTftpConfig({ ports: [] })).toEqual({ ports: [69] });
  });
  it("takes up to 8 ports", () => {
    expect(parseTftpConfig({ ports: [69, 6969] })).toEqual({ ports: [69, 6969] });
    expect(() => parseTftpConfig({ ports: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toThrow(FlowError);
  });
  it("rejects bad ports and unknown keys", () => {
    expect(() => parseTftpConfig({ ports: [70000] })).toThrow(FlowError);
    expect(() => parseTftpConfig({ ports: "69" })).toThrow(FlowError);
    expect(() => parseTftpConfig({ ports: [1.5] })).toThrow(FlowError);
    expect(() => parseTftpConfig({ port: [69] })).toThrow(/unknown config option "port"/);
    expect(() => parseTftpConfig({ masterTimeout: 1 })).toThrow(FlowError);
  });
});
