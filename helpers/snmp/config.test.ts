import { describe, expect, it } from "vitest";
import { FlowError } from "../core/model.ts";
import { parseSnmpConfig, parseSnmpTrapConfig, SNMP_DEFAULT_TIMEOUT } from "./config.ts";

describe("snmp config", () => {
  it("defaults: timeout 30 (nf_conntrack_snmp's module parameter), not locally generated", () => {
    const config = parseSnmpConfig(undefined);
    expect(config.timeout).toBe(SNMP_DEFAULT_TIMEOUT);
    expect(SNMP_DEFAULT_TIMEOUT).toBe(30);
    expect(config.route.localOut).toBe(false);
  });
  it("takes a timeout 0..UINT_MAX and the broadcast route facts", () => {
    const config = parseSnmpConfig({ timeout: 0, localOut: true, broadcastRoute: true });
    expect(config.timeout).toBe(0);
    expect(config.route.localOut).toBe(true);
    expect(parseSnmpConfig({ timeout: 4294967295 }).timeout).toBe(4294967295);
  });
  it.each([
    [{ timeout: -1 }, 'snmp option "timeout" must be an integer 0..4294967295'],
    [{ timeout: 4294967296 }, 'snmp option "timeout" must be an integer 0..4294967295'],
    [{ timeout: "30" }, 'snmp option "timeout" must be an integer 0..4294967295'],
    [{ ports: [161] }, 'unknown snmp option "ports"'],
    [{ localOut: "yes" }, 'snmp option "localOut" must be a boolean'],
  ])("refuses %j with a FlowError naming it", (raw, message) => {
    expect(() => parseSnmpConfig(raw)).toThrow(FlowError);
    expect(() => parseSnmpConfig(raw)).toThrow(message);
  });
  it("snmp-trap takes no option at all", () => {
    expect(parseSnmpTrapConfig(undefined)).toBeNull();
    expect(parseSnmpTrapConfig({})).toBeNull();
    expect(() => parseSnmpTrapConfig({ timeout: 30 })).toThrow(FlowError);
    expect(() => parseSnmpTrapConfig({ timeout: 30 })).toThrow(
      'unknown snmp-trap option "timeout"',
    );
  });
});
