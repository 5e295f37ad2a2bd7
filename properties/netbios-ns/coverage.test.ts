// The netbios-ns flows reach every route/device case the kernel distinguishes, both
// directions, source NAT and another server port; IPv6 is refused by helper and spec alike.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runFlow } from "../../helpers/core/driver.ts";
import { FlowError } from "../../helpers/core/model.ts";
import { netbiosNsHelper } from "../../helpers/netbios-ns/index.ts";
import { netbiosNsSpec } from "../../helpers/netbios-ns/spec/index.ts";
import { netbiosNsKit } from "./index.ts";
import { routeConfig } from "./netbios-route.ts";
import { routeNetmask } from "./pinhole-follows-route.ts";

const flows = fc.sample(netbiosNsKit.flows, { numRuns: 2000, seed: 3 });

describe("netbios-ns arbitraries", () => {
  it("draw every route case", () => {
    const cases = new Set(
      fc.sample(routeConfig(), { numRuns: 500, seed: 5 }).map((r) => r.routeCase),
    );
    expect([...cases].sort()).toEqual([
      "mask-zero",
      "match",
      "no-config",
      "not-broadcast",
      "not-local",
      "other-broadcast",
      "secondary-only",
    ]);
  });
  it("give flows that expect and flows that do not, with replies, NAT and other ports", () => {
    expect(
      flows.some((f) => routeNetmask(f) !== null && f.segments.some((s) => s.dir === "orig")),
    ).toBe(true);
    expect(flows.some((f) => routeNetmask(f) === null)).toBe(true);
    expect(flows.some((f) => f.segments.some((s) => s.dir === "reply"))).toBe(true);
    expect(flows.some((f) => f.nat !== undefined)).toBe(true);
    expect(flows.some((f) => f.server.port !== 137)).toBe(true);
    expect(flows.some((f) => f.config === undefined)).toBe(true);
  });
  it("are IPv4 only; an IPv6 flow is refused by the helper and the spec", () => {
    expect(flows.every((f) => !f.client.addr.includes(":"))).toBe(true);
    const v6 = {
      ...flows[0],
      client: { addr: "2001:db8::7", port: 40000 },
      server: { addr: "ff02::1", port: 137 },
    };
    delete v6.nat;
    expect(() => runFlow(netbiosNsHelper, v6)).toThrow(FlowError);
    expect(() => netbiosNsSpec(v6)).toThrow(FlowError);
  });
});
