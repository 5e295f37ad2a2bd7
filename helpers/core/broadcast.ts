// The broadcast helper core of Linux 6.18 nf_conntrack_broadcast.c, shared by netbios-ns
// and snmp: a locally generated request to a broadcast address expects every reply from
// the outgoing device's network (a PERMANENT expectation with the netmask as source mask).
//
// The kernel reads the route and the device from the skb; a flow has no skb, so it states
// those facts in its config (the `route` options below): whether the packet is locally
// generated, whether its route is a broadcast route, and the outgoing device's addresses.
// They hold for every ORIGINAL-direction packet of the flow (one route per flow).

import { addressFamily, canonicalAddress } from "./address.ts";
import { isIntegerIn } from "./config-options.ts";
import type {
  ConnectionContext,
  Conntrack,
  ExpectationRequest,
  Packet,
  PacketResult,
} from "./helper.ts";
import { FlowError } from "./model.ts";

/** One IPv4 address of the outgoing device (struct in_ifaddr), in the device's order. */
export interface DeviceAddress {
  /** ifa_broadcast, compared with the packet's destination. */
  broadcast: string;
  /** ifa_mask as a prefix length 0..32 (the kernel derives the mask from it). */
  prefixLen: number;
  /** IFA_F_SECONDARY: skipped by the lookup. */
  secondary: boolean;
}

/** The route/device facts the kernel takes from the skb. */
export interface BroadcastRoute {
  /** skb->sk is set and in the conntrack's netns: the packet is locally generated. */
  localOut: boolean;
  /** The route has RTCF_BROADCAST. */
  broadcastRoute: boolean;
  /** The output device's IPv4 addresses (its in_device list, in order); [] = none. */
  device: DeviceAddress[];
}

/** The option names the route facts take in a helper's config. */
export const BROADCAST_ROUTE_OPTIONS = ["localOut", "broadcastRoute", "device"] as const;

export function defaultBroadcastRoute(): BroadcastRoute {
  return { localOut: false, broadcastRoute: false, device: [] };
}

function deviceAddress(helper: string, raw: unknown, index: number): DeviceAddress {
  const where = `${helper} option "device"[${index}]`;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new FlowError(`${where} must be an object { broadcast, prefixLen, secondary? }`);
  }
  const { broadcast, prefixLen, secondary, ...rest } = raw as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new FlowError(`${where} has an unknown field "${unknown}"`);
  if (typeof broadcast !== "string" || addressFamily(broadcast) !== 4) {
    throw new FlowError(`${where}.broadcast must be an IPv4 address`);
  }
  if (!isIntegerIn(prefixLen, 0, 32)) {
    throw new FlowError(`${where}.prefixLen must be an integer 0..32`);
  }
  if (secondary !== undefined && typeof secondary !== "boolean") {
    throw new FlowError(`${where}.secondary must be a boolean`);
  }
  return { broadcast: canonicalAddress(broadcast), prefixLen, secondary: secondary === true };
}

/** Sets one route option on `route`; false when `key` is not one of them. */
export function applyBroadcastRouteOption(
  helper: string,
  route: BroadcastRoute,
  key: string,
  value: unknown,
): boolean {
  switch (key) {
    case "localOut":
    case "broadcastRoute":
      if (typeof value !== "boolean") {
        throw new FlowError(`${helper} option "${key}" must be a boolean`);
      }
      route[key] = value;
      return true;
    case "device":
      if (!Array.isArray(value)) {
        throw new FlowError(`${helper} option "device" must be a list of device addresses`);
      }
      route.device = value.map((a, i) => deviceAddress(helper, a, i));
      return true;
    default:
      return false;
  }
}

/** The netmask (prefix length) the kernel would use for a packet to `daddr`, or null when
 * it does nothing: not locally generated, not a broadcast route, no primary address whose
 * broadcast is daddr, or that address's mask is 0 (the lookup stops at the first primary
 * match even when its mask is 0). */
export function broadcastNetmask(route: BroadcastRoute, daddr: string): number | null {
  if (!route.localOut || !route.broadcastRoute) return null;
  const match = route.device.find((a) => !a.secondary && a.broadcast === daddr);
  if (match === undefined || match.prefixLen === 0) return null;
  return match.prefixLen;
}

/** The expectation: the master's REPLY tuple with the source port forced to the helper's
 * own port, the netmask as source mask, PERMANENT. */
export function broadcastExpectation(
  conntrack: Conntrack,
  helperPort: number,
  prefixLen: number,
): ExpectationRequest {
  const reply = conntrack.reply;
  return {
    l4: "udp",
    src: reply.src,
    sport: helperPort,
    dst: reply.dst,
    dport: reply.dport,
    srcMask: prefixLen,
    permanent: true,
  };
}

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });

/** nf_conntrack_broadcast_help: ORIGINAL direction only; the insert result is ignored;
 * always ACCEPT. */
export function broadcastHelp<Config extends { route: BroadcastRoute }, State>(
  connection: ConnectionContext<Config, State>,
  packet: Packet,
  helperPort: number,
): PacketResult {
  if (packet.dir !== "orig") return ACCEPT;
  const { conntrack } = connection;
  if (conntrack.family !== 4) return ACCEPT;
  const prefixLen = broadcastNetmask(connection.config.route, conntrack.orig.dst);
  if (prefixLen === null) return ACCEPT;
  connection.expectations.expect(broadcastExpectation(conntrack, helperPort, prefixLen));
  return ACCEPT;
}
