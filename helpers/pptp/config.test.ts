import { describe, expect, it } from "vitest";
import { FlowError } from "../core/model.ts";
import { parsePptpConfig } from "./config.ts";

describe("parsePptpConfig", () => {
  it("takes no config or an empty one", () => {
    expect(parsePptpConfig(undefined)).toEqual({});
    expect(parsePptpConfig({})).toEqual({});
  });
  it("refuses any option, ports= too", () => {
    expect(() => parsePptpConfig({ ports: [1723] })).toThrow(FlowError);
    expect(() => parsePptpConfig({ ports: [1723] })).toThrow(/unknown pptp option "ports"/);
  });
});
