// Shared by the spec models of the broadcast helpers (netbios-ns §8, snmp §9): the facts
// nf_conntrack_broadcast_help reads from the skb, which a flow states outright (the
// socket, the route's RTCF_BROADCAST flag, the output device's in_ifaddr list), their
// config readers, and the helper's decision written for obviousness from the 6.18 source.

import { addressFamily, canonicalAddress } from "../core/address.ts";
import type { Dir, Expectation } from "../core/model.ts";
import { FlowError } from "../core/model.ts";
import { reach } from "./behaviour.ts";
import { isIntegerIn } from "./config-values.ts";
import type { Connection } from "./connection.ts";
import type { ExpectationList } from "./expectation-list.ts";

/** One struct in_ifaddr of the output device. */
export interface InIfaddr {
  /** ifa_broadcast */
  broadcast: string;
  /** ifa_mask, as the prefix length it is made from (inet_make_mask). */
  prefixLen: number;
  /** ifa_flags & IFA_F_SECONDARY */
  secondary: boolean;
}

export interface BroadcastFacts {
  /** skb->sk set and in the conntrack's netns. */
  localOut: boolean;
  /** rt->rt_flags & RTCF_BROADCAST */
  broadcastRoute: boolean;
  /** __in_dev_get_rcu(rt->dst.dev)'s addresses, in list order. */
  device: InIfaddr[];
}

export const NO_BROADCAST_FACTS: Readonly<BroadcastFacts> = {
  localOut: false,
  broadcastRoute: false,
  device: [],
};

function flag(helper: string, key: string) {
  return (value: unknown): boolean => {
    if (value === true || value === false) return value;
    throw new FlowError(`${helper}: ${key} must be true or false`);
  };
}

function inIfaddr(helper: string, value: unknown, index: number): InIfaddr {
  const where = `${helper}: device[${index}]`;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FlowError(`${where} must be an object`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!["broadcast", "prefixLen", "secondary"].includes(key)) {
      throw new FlowError(`${where}: unknown field ${JSON.stringify(key)}`);
    }
  }
  const { broadcast, prefixLen, secondary = false } = record;
  if (typeof broadcast !== "string" || addressFamily(broadcast) !== 4) {
    throw new FlowError(`${where}.broadcast must be an IPv4 address`);
  }
  if (!isIntegerIn(prefixLen, 0, 32)) throw new FlowError(`${where}.prefixLen must be 0..32`);
  if (typeof secondary !== "boolean")
    throw new FlowError(`${where}.secondary must be true or false`);
  return { broadcast: canonicalAddress(broadcast), prefixLen, secondary };
}

/** The readConfig readers of the three facts, for a helper's config. */
export function broadcastFactReaders(helper: string) {
  return {
    localOut: flag(helper, "localOut"),
    broadcastRoute: flag(helper, "broadcastRoute"),
    device: (value: unknown): InIfaddr[] => {
      if (!Array.isArray(value)) throw new FlowError(`${helper}: device must be an array`);
      return value.map((v, i) => inIfaddr(helper, v, i));
    },
  };
}

/** The in_dev_for_each_ifa_rcu walk: the first non-secondary address whose broadcast is
 * the destination gives the mask, and the walk stops there; 0 when none. */
function deviceMask(facts: BroadcastFacts, daddr: string): number {
  for (const ifa of facts.device) {
    if (ifa.secondary) continue;
    if (ifa.broadcast === daddr) return ifa.prefixLen;
  }
  return 0;
}

/** exp->tuple = the REPLY tuple, its source port set to the helper's port; the mask keeps
 * the network part of the source address and the whole source port; PERMANENT. */
function broadcastPinhole(connection: Connection, port: number, mask: number): Expectation {
  const reply = connection.tuple.reply;
  return {
    l4: "udp",
    src: reply.src,
    sport: port,
    dst: reply.dst,
    dport: reply.dport,
    srcMask: mask,
    permanent: true,
  };
}

/** nf_conntrack_broadcast_help on one packet: the checks in the kernel's order; it
 * never drops (the insert's answer is ignored). */
export function broadcastHelpSpec(
  connection: Connection,
  facts: BroadcastFacts,
  helperPort: number,
  dir: Dir,
  expectations: ExpectationList,
): void {
  // iph->daddr of an ORIGINAL packet: the server (source NAT leaves it alone).
  const daddr = connection.tuple.orig.dst;
  if (!facts.localOut) reach("not locally generated");
  else if (!facts.broadcastRoute) reach("not a broadcast route");
  else if (dir !== "orig") reach("reply direction");
  else {
    const mask = deviceMask(facts, daddr);
    if (mask === 0) {
      reach(
        facts.device.some((ifa) => !ifa.secondary && ifa.broadcast === daddr)
          ? "matching primary address has mask 0"
          : "no primary device address with that broadcast",
      );
    } else {
      reach("broadcast query: permanent expectation");
      expectations.insert(broadcastPinhole(connection, helperPort, mask));
    }
  }
}
