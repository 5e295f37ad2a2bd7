// The route/device facts a netbios-ns flow states (helpers/core/broadcast.ts), drawn so
// every case the kernel tells apart comes up: a locally generated broadcast whose device
// has a primary address with that broadcast (the only one that expects), a forwarded
// packet, a non-broadcast route, no such address (another broadcast, or a secondary one
// only), a first primary match with mask 0, and no config at all.

import fc from "fast-check";
import { testIPv4Address } from "../core/test-addresses.ts";

export type RouteCase =
  | "match"
  | "not-local"
  | "not-broadcast"
  | "other-broadcast"
  | "secondary-only"
  | "mask-zero"
  | "no-config";

export interface DeviceEntry {
  broadcast: string;
  prefixLen: number;
  secondary?: boolean;
}

/** A config for a flow to `server`, or undefined (no config: nothing is expected). */
export type RouteConfig = (server: string) => Record<string, unknown> | undefined;

const prefix = fc.integer({ min: 1, max: 32 });

/** Device entries that never match `server`: other broadcasts, secondaries of it. */
function noise(): fc.Arbitrary<((server: string) => DeviceEntry)[]> {
  const entry = fc.oneof(
    fc.tuple(testIPv4Address(), prefix).map(
      ([broadcast, prefixLen]) =>
        (server: string) =>
          broadcast === server ? { broadcast: "192.0.2.255", prefixLen } : { broadcast, prefixLen },
    ),
    prefix.map((prefixLen) => (server: string) => ({
      broadcast: server,
      prefixLen,
      secondary: true,
    })),
  );
  return fc.array(entry, { maxLength: 2 });
}

function config(
  localOut: boolean,
  broadcastRoute: boolean,
  device: (server: string) => DeviceEntry[],
): RouteConfig {
  return (server) => ({ localOut, broadcastRoute, device: device(server) });
}

const matching = fc
  .tuple(noise(), prefix, fc.array(prefix, { maxLength: 1 }), fc.option(fc.constantFrom(3, 30)))
  .map(([before, prefixLen, after, timeout]) => (server: string) => {
    const device = [
      ...before.map((e) => e(server)),
      { broadcast: server, prefixLen },
      ...after.map((p) => ({ broadcast: server, prefixLen: p })),
    ];
    const c: Record<string, unknown> = { localOut: true, broadcastRoute: true, device };
    if (timeout !== null) c.timeout = timeout;
    return c;
  });

const matchingDevice = fc.tuple(noise(), prefix).map(([before, prefixLen]) => (server: string) => [
  ...before.map((e) => e(server)),
  { broadcast: server, prefixLen },
]);

/** One route case and its config. */
export function routeConfig(): fc.Arbitrary<{ routeCase: RouteCase; config: RouteConfig }> {
  const of = (routeCase: RouteCase, c: fc.Arbitrary<RouteConfig>) =>
    c.map((chosen) => ({ routeCase, config: chosen }));
  return fc.oneof(
    { weight: 6, arbitrary: of("match", matching) },
    {
      weight: 1,
      arbitrary: of(
        "not-local",
        fc.tuple(fc.boolean(), matchingDevice).map(([b, d]) => config(false, b, d)),
      ),
    },
    {
      weight: 1,
      arbitrary: of(
        "not-broadcast",
        matchingDevice.map((d) => config(true, false, d)),
      ),
    },
    {
      weight: 1,
      arbitrary: of(
        "other-broadcast",
        noise().map((n) =>
          config(true, true, (s) => n.map((e) => e(s)).filter((e) => !e.secondary)),
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: of(
        "secondary-only",
        prefix.map((p) =>
          config(true, true, (s) => [{ broadcast: s, prefixLen: p, secondary: true }]),
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: of(
        "mask-zero",
        prefix.map((p) =>
          config(true, true, (s) => [
            { broadcast: s, prefixLen: 0 },
            { broadcast: s, prefixLen: p },
          ]),
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: of(
        "no-config",
        fc.constant(() => undefined),
      ),
    },
  );
}

/** Configs for the random-bytes flows (no server address to match: they expect nothing
 * unless the drawn broadcast happens to be the server). */
export function bytesFlowConfig(): fc.Arbitrary<Record<string, unknown> | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    fc
      .tuple(fc.boolean(), fc.boolean(), testIPv4Address(), fc.integer({ min: 0, max: 32 }))
      .map(([localOut, broadcastRoute, broadcast, prefixLen]) => ({
        localOut,
        broadcastRoute,
        device: [{ broadcast, prefixLen }],
      })),
  );
}
