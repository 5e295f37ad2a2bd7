import fc from "fast-check";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Dir, Flow } from "../../helpers/core/model.ts";
import { arbitraryBytes } from "../core/bytes-flow.ts";
import { dialogueFlow, fixedLine, type LineTemplate } from "../core/dialogue-flow.ts";
import { flowSkeleton } from "../core/flow-skeleton.ts";
import { routeConfig } from "./netbios-route.ts";

/** The netbios-ns helper's static facts a flow needs (what helpers/netbios-ns registers). */
export const NETBIOS_NS_HELPER: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families"> =
  {
    name: "netbios-ns",
    l4: "udp",
    defaultPort: 137,
    families: [4],
  };

/** A NetBIOS name query (RFC 1002 4.2.12) for a random name: the helper never reads it. */
function nameQuery(): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.integer({ min: 0, max: 0xffff }), fc.uint8Array({ minLength: 32, maxLength: 32 }))
    .map(([id, name]) =>
      Uint8Array.of(
        id >> 8,
        id & 0xff,
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
        ...name.map((b) => 0x41 + (b & 15)),
        0,
        0,
        0x20,
        0,
        1,
      ),
    );
}

const direction = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Dir>("orig") },
  { weight: 1, arbitrary: fc.constant<Dir>("reply") },
);

function datagrams(): fc.Arbitrary<LineTemplate[]> {
  const packet = fc.oneof(nameQuery(), arbitraryBytes());
  return fc.array(
    fc.tuple(direction, packet).map(([dir, bytes]) => fixedLine(dir, bytes)),
    { maxLength: 5 },
  );
}

/** NetBIOS-NS flows (IPv4; with and without source NAT; server port 137 or another one the
 * helper was attached to) with the route/device facts of every case. */
export function netbiosNsFlow(): fc.Arbitrary<Flow> {
  const skeleton = fc
    .tuple(
      flowSkeleton(NETBIOS_NS_HELPER),
      routeConfig(),
      fc.option(fc.integer({ min: 1, max: 65535 }), { freq: 6 }),
    )
    .map(([chosen, route, port]) => {
      const server = port === null ? chosen.server : { ...chosen.server, port };
      const config = route.config(server.addr);
      const out = { ...chosen, server };
      if (config !== undefined) out.config = config;
      return out;
    });
  return dialogueFlow(skeleton, datagrams(), arbitraryBytes());
}
