// The netbios-ns vectors of kernel-helpers.md §8, through the core driver.

import { describe, expect, it } from "vitest";
import { runFlow, traceFlow } from "../core/driver.ts";
import type { Flow, Segment } from "../core/model.ts";
import { netbiosNsHelper } from "./index.ts";

const C = "192.168.1.7";
const B = "192.168.1.255";
const N = "198.51.100.9";
const QUERY = Uint8Array.of(0x12, 0x34, 0x01, 0x10, 0, 1, 0, 0, 0, 0, 0, 0);

const LOCAL_BROADCAST = {
  localOut: true,
  broadcastRoute: true,
  device: [{ broadcast: B, prefixLen: 24 }],
};

function flow(
  segments: Segment[],
  config: Record<string, unknown> = LOCAL_BROADCAST,
  over: Partial<Flow> = {},
): Flow {
  return {
    helper: "netbios-ns",
    l4: "udp",
    client: { addr: C, port: 40000 },
    server: { addr: B, port: 137 },
    config,
    segments,
    ...over,
  };
}

const pinhole = (dst = C, sport = 137) => ({
  l4: "udp",
  src: B,
  sport,
  dst,
  dport: 40000,
  srcMask: 24,
  permanent: true,
});

describe("netbios-ns helper (§8)", () => {
  it("expects replies from the device's network on a local broadcast query", () => {
    const outcome = runFlow(netbiosNsHelper, flow([{ dir: "orig", data: QUERY }]));
    expect(outcome.expectations).toEqual([pinhole()]);
    expect(outcome.segments).toEqual([{ verdict: "accept", data: QUERY, seq: 0 }]);
  });

  it("expects one per ORIGINAL packet, each replacing the last; replies expect nothing", () => {
    const trace = traceFlow(
      netbiosNsHelper,
      flow([
        { dir: "orig", data: QUERY },
        { dir: "reply", data: QUERY },
        { dir: "orig", data: new Uint8Array() },
      ]),
    );
    expect(trace.outcome.expectations).toEqual([pinhole(), pinhole()]);
    expect(trace.liveAfter.map((l) => l.length)).toEqual([1, 1, 1]);
    expect(trace.outcome.segments.every((s) => s.verdict === "accept")).toBe(true);
  });

  it("forces the source port to 137 whatever the server port", () => {
    const outcome = runFlow(
      netbiosNsHelper,
      flow([{ dir: "orig", data: QUERY }], LOCAL_BROADCAST, { server: { addr: B, port: 1137 } }),
    );
    expect(outcome.expectations).toEqual([pinhole(C, 137)]);
  });

  it("names the NAT address under source NAT and forwards unchanged", () => {
    const outcome = runFlow(
      netbiosNsHelper,
      flow([{ dir: "orig", data: QUERY }], LOCAL_BROADCAST, { nat: { client: { addr: N } } }),
    );
    expect(outcome.expectations).toEqual([pinhole(N)]);
    expect(outcome.segments[0].data).toEqual(QUERY);
  });

  it.each([
    ["no config", undefined],
    ["forwarded, not local", { ...LOCAL_BROADCAST, localOut: false }],
    ["not a broadcast route", { ...LOCAL_BROADCAST, broadcastRoute: false }],
    [
      "no matching device address",
      { ...LOCAL_BROADCAST, device: [{ broadcast: "10.0.0.255", prefixLen: 8 }] },
    ],
    [
      "a secondary match only",
      { ...LOCAL_BROADCAST, device: [{ broadcast: B, prefixLen: 24, secondary: true }] },
    ],
  ])("expects nothing with %s and accepts", (_, config) => {
    const f = flow([{ dir: "orig", data: QUERY }]);
    if (config === undefined) delete f.config;
    else f.config = config;
    const outcome = runFlow(netbiosNsHelper, f);
    expect(outcome.expectations).toEqual([]);
    expect(outcome.segments[0].verdict).toBe("accept");
  });

  it("refuses IPv6", () => {
    expect(() =>
      runFlow(
        netbiosNsHelper,
        flow([{ dir: "orig", data: QUERY }], LOCAL_BROADCAST, {
          client: { addr: "2001:db8::1", port: 40000 },
          server: { addr: "ff02::1", port: 137 },
        }),
      ),
    ).toThrow(/does not support IPv6/);
  });
});
