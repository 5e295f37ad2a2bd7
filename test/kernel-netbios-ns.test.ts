// The kernel target runs netbios-ns (nf_conntrack_netbios_ns on nf_conntrack_broadcast_help,
// IPv4, UDP 137): each flow's route/device facts (localOut, broadcastRoute, device) are built
// on an output device of its own (harness/kernel/netlab.py BroadcastDevices), the router's
// own datagrams come from a raw SO_BROADCAST socket. The outcome, srcMask and permanent
// included, must equal the spec model's (helpers/netbios-ns/spec).

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createKernelTarget,
  type KernelTarget,
  kernelAvailability,
} from "../harness/kernel/target.ts";
import type { Dir, Flow } from "../helpers/core/model.ts";
import { netbiosNsSpecTrace } from "../helpers/netbios-ns/spec/index.ts";
import { netbiosNsFlow } from "../properties/netbios-ns/netbios-flow.ts";

const availability = await kernelAvailability();
const title = availability.ok
  ? "kernel netbios-ns"
  : `kernel netbios-ns (skipped: ${availability.reason})`;
const CLIENT = "198.18.1.7";
const NAT = "198.18.100.9";

/** An RFC 1002 name query for "A" (the helper reads no payload). */
const QUERY = Uint8Array.from([
  0xab,
  0xcd,
  0x01,
  0x10,
  0,
  1,
  0,
  0,
  0,
  0,
  0,
  0,
  0x20,
  ...new Array(32).fill(0x41),
  0,
  0,
  0x20,
  0,
  1,
]);

interface Entry {
  broadcast: string;
  prefixLen: number;
  secondary?: boolean;
}

function flow(
  server: string,
  config: { localOut: boolean; broadcastRoute: boolean; device: Entry[] },
  dirs: Dir[] = ["orig"],
  options: { nat?: boolean; port?: number; serverPort?: number } = {},
): Flow {
  return {
    helper: "netbios-ns",
    l4: "udp",
    client: { addr: CLIENT, port: options.port ?? 40000 },
    server: { addr: server, port: options.serverPort ?? 137 },
    config,
    ...(options.nat ? { nat: { client: { addr: NAT } } } : {}),
    segments: dirs.map((dir) => ({ dir, data: QUERY })),
  };
}

const pinhole = (src: string, dst: string, dport: number, srcMask: number) => ({
  l4: "udp" as const,
  src,
  sport: 137,
  dst,
  dport,
  srcMask,
  permanent: true,
});

describe.skipIf(!availability.ok)(title, () => {
  let kernel: KernelTarget;
  beforeAll(async () => {
    kernel = await createKernelTarget();
  });
  afterAll(async () => {
    await kernel?.close();
  });

  async function same(f: Flow) {
    const [outcome, trace] = await Promise.all([kernel.run(f), kernel.trace(f)]);
    const spec = netbiosNsSpecTrace(f);
    expect(outcome).toEqual(spec.outcome);
    expect(trace.liveAfter).toEqual(spec.liveAfter);
    return outcome;
  }

  it("says it runs netbios-ns", () => {
    expect(kernel.helpers()).toContain("netbios-ns");
  });

  it("the router's own broadcast expects every reply from the device's network: mask and PERMANENT", async () => {
    const s = "198.19.1.255";
    const outcome = await same(
      flow(s, { localOut: true, broadcastRoute: true, device: [{ broadcast: s, prefixLen: 24 }] }),
    );
    expect(outcome.expectations).toEqual([pinhole(s, CLIENT, 40000, 24)]);
    expect(outcome.segments[0].verdict).toBe("accept");
  });

  it("under source NAT the pinhole names the NAT address; sport is 137 whatever the server port", async () => {
    const s = "198.19.2.255";
    const outcome = await same(
      flow(
        s,
        { localOut: true, broadcastRoute: true, device: [{ broadcast: s, prefixLen: 20 }] },
        ["orig"],
        { nat: true, port: 40001, serverPort: 1137 },
      ),
    );
    expect(outcome.expectations).toEqual([pinhole(s, NAT, 40001, 20)]);
  });

  it("the first primary address with that broadcast gives the mask; secondaries are skipped", async () => {
    const s = "198.19.3.255";
    const outcome = await same(
      flow(s, {
        localOut: true,
        broadcastRoute: true,
        device: [
          { broadcast: s, prefixLen: 16, secondary: true },
          { broadcast: "203.0.113.255", prefixLen: 24 },
          { broadcast: s, prefixLen: 23 },
          { broadcast: s, prefixLen: 25 },
        ],
      }),
    );
    expect(outcome.expectations).toEqual([pinhole(s, CLIENT, 40000, 23)]);
  });

  it("nothing: forwarded, unicast route, secondary only, a first match with mask 0, no device address", async () => {
    const cases: [string, Flow][] = [
      [
        "forwarded",
        flow("198.19.4.255", {
          localOut: false,
          broadcastRoute: true,
          device: [{ broadcast: "198.19.4.255", prefixLen: 24 }],
        }),
      ],
      [
        "unicast route",
        flow("198.19.5.255", {
          localOut: true,
          broadcastRoute: false,
          device: [{ broadcast: "198.19.5.255", prefixLen: 24 }],
        }),
      ],
      [
        "secondary only",
        flow("198.19.6.255", {
          localOut: true,
          broadcastRoute: true,
          device: [{ broadcast: "198.19.6.255", prefixLen: 24, secondary: true }],
        }),
      ],
      [
        "mask 0 first",
        flow("198.19.7.255", {
          localOut: true,
          broadcastRoute: true,
          device: [
            { broadcast: "198.19.7.255", prefixLen: 0 },
            { broadcast: "198.19.7.255", prefixLen: 12 },
          ],
        }),
      ],
      [
        "broadcast route, no device address",
        flow("198.19.8.255", { localOut: true, broadcastRoute: true, device: [] }),
      ],
    ];
    for (const [, f] of cases) {
      const outcome = await same(f);
      expect(outcome.expectations).toEqual([]);
      expect(outcome.segments.every((s) => s.verdict === "accept")).toBe(true);
    }
  });

  it("a locally generated flow that starts with a reply is not runnable (its priming datagram would make the expectation)", async () => {
    const s = "198.19.9.255";
    const device = [{ broadcast: s, prefixLen: 32 }];
    await expect(
      kernel.run(
        flow(s, { localOut: true, broadcastRoute: true, device }, ["reply", "orig"], {
          port: 40002,
        }),
      ),
    ).rejects.toThrow(/starts with a reply/);
  });

  it("a locally generated flow with two own datagrams on a broadcast route is not runnable (the kernel's answer depends on the CPU)", async () => {
    const s = "198.19.9.255";
    const device = [{ broadcast: s, prefixLen: 24 }];
    await expect(
      kernel.run(
        flow(s, { localOut: true, broadcastRoute: true, device }, ["orig", "orig"], {
          port: 40003,
        }),
      ),
    ).rejects.toThrow(/depends on the CPU/);
    // Forwarded, the same two datagrams run (the helper acts on neither).
    const forwarded = await kernel.run(
      flow(s, { localOut: false, broadcastRoute: true, device }, ["orig", "orig"], { port: 40004 }),
    );
    expect(forwarded.expectations).toEqual([]);
  });

  it("a later batch without broadcast flows runs on addresses the broadcast devices held", async () => {
    // The device's own address is 198.51.100.10 (netlab.broadcast_layout); left on the
    // device, it made an FTP server at that address the router's own: no handshake forwarded.
    const s = "198.19.9.255";
    await kernel.run(
      flow(s, { localOut: true, broadcastRoute: true, device: [{ broadcast: s, prefixLen: 24 }] }),
    );
    const ftp: Flow = {
      helper: "ftp",
      l4: "tcp",
      client: { addr: "198.18.0.2", port: 40010 },
      server: { addr: "198.51.100.10", port: 21 },
      segments: [{ dir: "orig", data: new TextEncoder().encode("USER a\r\n") }],
    };
    const outcome = await kernel.run(ftp);
    expect(outcome.segments.map((x) => x.verdict)).toEqual(["accept"]);
  });

  it("kernel = spec on a fixed-seed batch of generated flows, the runnable ones", async () => {
    // Flows the agent refuses (two own datagrams on a broadcast route, too few networks for
    // the device addresses) are left out, as conform leaves them out.
    const flows = fc
      .sample(netbiosNsFlow(), { seed: 20261203, numRuns: 700 })
      .filter((f) => (f.config?.timeout ?? 3) === 3 && f.server.port !== 9);
    const answers = await Promise.allSettled(flows.map((f) => kernel.run(f)));
    let compared = 0;
    let withMask = 0;
    answers.forEach((answer, i) => {
      if (answer.status !== "fulfilled") return; // not runnable (FlowError)
      compared++;
      expect(answer.value).toEqual(netbiosNsSpecTrace(flows[i]).outcome);
      if (answer.value.expectations.some((e) => e.srcMask !== undefined && e.permanent)) withMask++;
    });
    expect(compared).toBeGreaterThan(150);
    expect(withMask).toBeGreaterThan(20);
  }, 60_000);
});
