import { describe, expect, it } from "vitest";
import { FlowError } from "../../core/model.ts";
import { parseNetbiosNsConfig } from "./config.ts";

describe("netbios-ns spec config", () => {
  it("defaults to timeout 3, not local, not broadcast, no device address", () => {
    expect(parseNetbiosNsConfig(undefined)).toEqual({
      timeout: 3,
      localOut: false,
      broadcastRoute: false,
      device: [],
    });
  });
  it("reads the device addresses, secondary defaulting to false", () => {
    expect(
      parseNetbiosNsConfig({ device: [{ broadcast: "10.1.255.255", prefixLen: 16 }] }).device,
    ).toEqual([{ broadcast: "10.1.255.255", prefixLen: 16, secondary: false }]);
  });
  it.each([
    [{ timeout: 2 ** 32 }],
    [{ localOut: 1 }],
    [{ broadcastRoute: null }],
    [{ device: "eth0" }],
    [{ device: [{ broadcast: "fe80::1", prefixLen: 8 }] }],
    [{ device: [{ broadcast: "10.255.255.255", prefixLen: -1 }] }],
    [{ device: [{ broadcast: "10.255.255.255", prefixLen: 8, secondary: "no" }] }],
    [{ device: [{ broadcast: "10.255.255.255", prefixLen: 8, label: "eth0" }] }],
    [{ ports: [137] }],
  ])("refuses %j", (raw) => {
    expect(() => parseNetbiosNsConfig(raw as Record<string, unknown>)).toThrow(FlowError);
  });
});
