import { describe, expect, it } from "vitest";
import { type Flow, FlowError, type Segment } from "../../core/model.ts";
import { withReached } from "../../spec-core/behaviour.ts";
import { netbiosNsBehaviours } from "./behaviours.ts";
import { netbiosNsSpec, netbiosNsSpecTrace } from "./index.ts";

const C = "192.168.1.7";
const B = "192.168.1.255";
const N = "198.51.100.9";
const Q = Uint8Array.of(0xab, 0xcd, 0x01, 0x10, 0, 1, 0, 0, 0, 0, 0, 0);

const ROUTE = { localOut: true, broadcastRoute: true, device: [{ broadcast: B, prefixLen: 24 }] };

function flowOf(
  segments: Segment[],
  config: Record<string, unknown> = ROUTE,
  extra: Partial<Flow> = {},
): Flow {
  return {
    helper: "netbios-ns",
    l4: "udp",
    client: { addr: C, port: 40000 },
    server: { addr: B, port: 137 },
    config,
    segments,
    ...extra,
  };
}
const q = (dir: "orig" | "reply" = "orig"): Segment => ({ dir, data: Q });
const pinhole = (dst = C, mask = 24) => ({
  l4: "udp",
  src: B,
  sport: 137,
  dst,
  dport: 40000,
  srcMask: mask,
  permanent: true,
});

describe("netbios-ns spec (§8)", () => {
  it("expects every reply from the device's network, PERMANENT, on a local broadcast", () => {
    const { value, reached } = withReached(() => netbiosNsSpec(flowOf([q()])));
    expect(value.expectations).toEqual([pinhole()]);
    expect(value.segments).toEqual([{ verdict: "accept", data: Q, seq: 0 }]);
    expect(reached).toContain("broadcast query: permanent expectation");
  });

  it("replaces its expectation on every ORIGINAL packet; a reply does nothing", () => {
    const { value, reached } = withReached(() =>
      netbiosNsSpecTrace(flowOf([q(), q("reply"), q()])),
    );
    expect(value.outcome.expectations).toEqual([pinhole(), pinhole()]);
    expect(value.liveAfter).toEqual([[pinhole()], [pinhole()], [pinhole()]]);
    expect(reached).toContain("reply direction");
    expect(reached).toContain("expectation: identical one replaced");
  });

  it("takes the helper's port as source port and the NAT address as destination", () => {
    const out = netbiosNsSpec(
      flowOf([q()], ROUTE, { server: { addr: B, port: 5137 }, nat: { client: { addr: N } } }),
    );
    expect(out.expectations).toEqual([pinhole(N)]);
  });

  it("takes the first primary match's mask, skipping secondaries", () => {
    const device = [
      { broadcast: B, prefixLen: 20, secondary: true },
      { broadcast: "10.0.0.255", prefixLen: 24 },
      { broadcast: B, prefixLen: 23 },
      { broadcast: B, prefixLen: 25 },
    ];
    expect(netbiosNsSpec(flowOf([q()], { ...ROUTE, device })).expectations).toEqual([
      pinhole(C, 23),
    ]);
  });

  it.each([
    ["not locally generated", { ...ROUTE, localOut: false }],
    ["not a broadcast route", { ...ROUTE, broadcastRoute: false }],
    [
      "no primary device address with that broadcast",
      { ...ROUTE, device: [{ broadcast: B, prefixLen: 24, secondary: true }] },
    ],
    [
      "matching primary address has mask 0",
      {
        ...ROUTE,
        device: [
          { broadcast: B, prefixLen: 0 },
          { broadcast: B, prefixLen: 24 },
        ],
      },
    ],
  ])("expects nothing and accepts: %s", (behaviour, config) => {
    const { value, reached } = withReached(() => netbiosNsSpec(flowOf([q(), q("reply")], config)));
    expect(value.expectations).toEqual([]);
    expect(value.segments.map((s) => s.verdict)).toEqual(["accept", "accept"]);
    expect(reached).toContain(behaviour);
  });

  it("is IPv4 only", () => {
    expect(() =>
      netbiosNsSpec(
        flowOf([q()], ROUTE, {
          client: { addr: "2001:db8::7", port: 40000 },
          server: { addr: "ff02::1", port: 137 },
        }),
      ),
    ).toThrow(FlowError);
  });

  it("names only behaviours it can reach", () => {
    expect(new Set(netbiosNsBehaviours).size).toBe(netbiosNsBehaviours.length);
  });
});
