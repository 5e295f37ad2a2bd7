import { describe, expect, it } from "vitest";
import { FlowError } from "../core/model.ts";
import { parseNetbiosNsConfig } from "./config.ts";

const NONE = { localOut: false, broadcastRoute: false, device: [] };

describe("parseNetbiosNsConfig", () => {
  it("defaults to timeout 3 and a route that expects nothing", () => {
    expect(parseNetbiosNsConfig(undefined)).toEqual({ timeout: 3, route: NONE });
    expect(parseNetbiosNsConfig({})).toEqual({ timeout: 3, route: NONE });
  });
  it("takes timeout and the route facts", () => {
    expect(
      parseNetbiosNsConfig({
        timeout: 30,
        localOut: true,
        broadcastRoute: true,
        device: [{ broadcast: "192.168.1.255", prefixLen: 24, secondary: true }],
      }),
    ).toEqual({
      timeout: 30,
      route: {
        localOut: true,
        broadcastRoute: true,
        device: [{ broadcast: "192.168.1.255", prefixLen: 24, secondary: true }],
      },
    });
  });
  it.each([
    [{ timeout: -1 }, /^netbios-ns option "timeout" must be an integer 0\.\.4294967295/],
    [{ timeout: 1.5 }, /"timeout" must be an integer/],
    [{ localOut: "true" }, /^netbios-ns option "localOut" must be a boolean/],
    [{ ports: [137] }, /^unknown netbios-ns option "ports"/],
  ])("rejects %j", (raw, message) => {
    expect(() => parseNetbiosNsConfig(raw)).toThrow(FlowError);
    expect(() => parseNetbiosNsConfig(raw)).toThrow(message);
  });
  it("rejects a config that is not an object", () => {
    expect(() => parseNetbiosNsConfig([] as unknown as Record<string, unknown>)).toThrow(
      /^netbios-ns config must be an object/,
    );
  });
});
