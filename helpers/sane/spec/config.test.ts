import { describe, expect, it } from "vitest";
import { FlowError } from "../../core/model.ts";
import { parseSaneConfig } from "./config.ts";

describe("parseSaneConfig (§7)", () => {
  it("defaults to port 6566", () => {
    expect(parseSaneConfig(undefined)).toEqual({ ports: [6566] });
    expect(parseSaneConfig({ ports: [] })).toEqual({ ports: [6566] });
  });
  it("takes up to 8 ports", () => {
    expect(parseSaneConfig({ ports: [6566, 16566] })).toEqual({ ports: [6566, 16566] });
    expect(() => parseSaneConfig({ ports: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toThrow(FlowError);
  });
  it("rejects bad ports and unknown keys", () => {
    expect(() => parseSaneConfig({ ports: [65536] })).toThrow(FlowError);
    expect(() => parseSaneConfig({ port: [6566] })).toThrow(/unknown config option "port"/);
  });
});
