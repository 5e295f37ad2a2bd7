import { describe, expect, it } from "vitest";
import {
  applyBroadcastRouteOption,
  type BroadcastRoute,
  broadcastExpectation,
  broadcastHelp,
  broadcastNetmask,
  defaultBroadcastRoute,
} from "./broadcast.ts";
import type { ConnectionContext, Conntrack, ExpectationStore } from "./helper.ts";
import { FlowError } from "./model.ts";

const BCAST = "192.168.1.255";

function route(over: Partial<BroadcastRoute> = {}): BroadcastRoute {
  return {
    localOut: true,
    broadcastRoute: true,
    device: [{ broadcast: BCAST, prefixLen: 24, secondary: false }],
    ...over,
  };
}

describe("broadcastNetmask", () => {
  it("is the matching primary address's prefix length", () => {
    expect(broadcastNetmask(route(), BCAST)).toBe(24);
  });
  it.each([
    ["not locally generated", route({ localOut: false })],
    ["not a broadcast route", route({ broadcastRoute: false })],
    ["no device address", route({ device: [] })],
    [
      "only a secondary match",
      route({ device: [{ broadcast: BCAST, prefixLen: 24, secondary: true }] }),
    ],
    [
      "another broadcast",
      route({ device: [{ broadcast: "10.0.0.255", prefixLen: 24, secondary: false }] }),
    ],
  ])("is null when %s", (_, r) => {
    expect(broadcastNetmask(r, BCAST)).toBeNull();
  });
  it("skips secondaries and takes the first primary match", () => {
    const r = route({
      device: [
        { broadcast: BCAST, prefixLen: 16, secondary: true },
        { broadcast: BCAST, prefixLen: 23, secondary: false },
        { broadcast: BCAST, prefixLen: 25, secondary: false },
      ],
    });
    expect(broadcastNetmask(r, BCAST)).toBe(23);
  });
  it("stops at a first primary match with mask 0 (mask 0 = nothing)", () => {
    const r = route({
      device: [
        { broadcast: BCAST, prefixLen: 0, secondary: false },
        { broadcast: BCAST, prefixLen: 24, secondary: false },
      ],
    });
    expect(broadcastNetmask(r, BCAST)).toBeNull();
  });
});

describe("broadcastExpectation", () => {
  it("is the REPLY tuple with the helper's port as source port, masked, permanent", () => {
    const ct: Conntrack = {
      l4: "udp",
      family: 4,
      orig: { src: "192.168.1.7", sport: 40000, dst: BCAST, dport: 1137 },
      reply: { src: BCAST, sport: 1137, dst: "198.51.100.9", dport: 40000 },
      natted: true,
    };
    expect(broadcastExpectation(ct, 137, 24)).toEqual({
      l4: "udp",
      src: BCAST,
      sport: 137,
      dst: "198.51.100.9",
      dport: 40000,
      srcMask: 24,
      permanent: true,
    });
  });
});

describe("applyBroadcastRouteOption", () => {
  it("sets the route facts and ignores other keys", () => {
    const r = defaultBroadcastRoute();
    expect(applyBroadcastRouteOption("h", r, "localOut", true)).toBe(true);
    expect(applyBroadcastRouteOption("h", r, "broadcastRoute", true)).toBe(true);
    expect(
      applyBroadcastRouteOption("h", r, "device", [{ broadcast: "10.0.0.255", prefixLen: 8 }]),
    ).toBe(true);
    expect(applyBroadcastRouteOption("h", r, "timeout", 3)).toBe(false);
    expect(r).toEqual({
      localOut: true,
      broadcastRoute: true,
      device: [{ broadcast: "10.0.0.255", prefixLen: 8, secondary: false }],
    });
  });
  it.each([
    ["localOut", 1, /^h option "localOut" must be a boolean/],
    ["broadcastRoute", "yes", /"broadcastRoute" must be a boolean/],
    ["device", {}, /"device" must be a list of device addresses/],
    ["device", [null], /"device"\[0\] must be an object/],
    ["device", ["10.0.0.255"], /"device"\[0\] must be an object/],
    ["device", [{ broadcast: 167772415, prefixLen: 8 }], /\.broadcast must be an IPv4 address/],
    ["device", [{ broadcast: "::1", prefixLen: 8 }], /\.broadcast must be an IPv4 address/],
    [
      "device",
      [{ broadcast: "10.0.0.255", prefixLen: 33 }],
      /\.prefixLen must be an integer 0\.\.32/,
    ],
    [
      "device",
      [{ broadcast: "10.0.0.255", prefixLen: 8, secondary: 1 }],
      /\.secondary must be a boolean/,
    ],
    ["device", [{ broadcast: "10.0.0.255", prefixLen: 8, mask: 1 }], /unknown field "mask"/],
  ])("rejects %s = %j", (key, value, message) => {
    const r = defaultBroadcastRoute();
    expect(() => applyBroadcastRouteOption("h", r, key, value)).toThrow(FlowError);
    expect(() => applyBroadcastRouteOption("h", r, key, value)).toThrow(message);
  });
});

describe("broadcastHelp", () => {
  function connection(family: 4 | 6) {
    const created: unknown[] = [];
    const expectations = { expect: (e: unknown) => created.push(e) } as unknown as ExpectationStore;
    const conntrack: Conntrack = {
      l4: "udp",
      family,
      orig: { src: "192.168.1.7", sport: 40000, dst: BCAST, dport: 137 },
      reply: { src: BCAST, sport: 137, dst: "192.168.1.7", dport: 40000 },
      natted: false,
    };
    const context: ConnectionContext<{ route: BroadcastRoute }, null> = {
      conntrack,
      config: { route: route() },
      state: null,
      expectations,
    };
    return { context, created };
  }
  const query = { dir: "orig" as const, seq: 0, data: new Uint8Array(50) };

  it("expects on a local broadcast in the ORIGINAL direction, and always accepts", () => {
    const { context, created } = connection(4);
    expect(broadcastHelp(context, query, 137)).toEqual({ verdict: "accept" });
    expect(broadcastHelp(context, { ...query, dir: "reply" }, 137)).toEqual({ verdict: "accept" });
    expect(created).toHaveLength(1);
  });
  it("expects nothing on an IPv6 conntrack (the helpers are IPv4 only)", () => {
    const { context, created } = connection(6);
    expect(broadcastHelp(context, query, 137)).toEqual({ verdict: "accept" });
    expect(created).toEqual([]);
  });
});
