// The netbios-ns options (kernel-helpers.md §8): the module parameter timeout=, and the
// facts nf_conntrack_broadcast_help reads from the skb, which a flow states outright:
// the socket (locally generated), the route's RTCF_BROADCAST flag and the output device's
// in_ifaddr list. Only tool input can be wrong here: FlowError.

import { addressFamily, canonicalAddress } from "../../core/address.ts";
import { FlowError } from "../../core/model.ts";
import { isIntegerIn, readConfig, UINT_MAX } from "../../spec-core/config-values.ts";

/** One struct in_ifaddr of the output device. */
export interface InIfaddr {
  /** ifa_broadcast */
  broadcast: string;
  /** ifa_mask, as the prefix length it is made from (inet_make_mask). */
  prefixLen: number;
  /** ifa_flags & IFA_F_SECONDARY */
  secondary: boolean;
}

export interface NetbiosNsConfig {
  /** §8 timeout= (uint, default 3): expectation timeout and master refresh. */
  timeout: number;
  /** skb->sk set and in the conntrack's netns. */
  localOut: boolean;
  /** rt->rt_flags & RTCF_BROADCAST */
  broadcastRoute: boolean;
  /** __in_dev_get_rcu(rt->dst.dev)'s addresses, in list order. */
  device: InIfaddr[];
}

function flag(key: string) {
  return (value: unknown): boolean => {
    if (value === true || value === false) return value;
    throw new FlowError(`netbios-ns: ${key} must be true or false`);
  };
}

function inIfaddr(value: unknown, index: number): InIfaddr {
  const where = `netbios-ns: device[${index}]`;
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

export function parseNetbiosNsConfig(raw: Record<string, unknown> | undefined): NetbiosNsConfig {
  return readConfig<NetbiosNsConfig>(
    "netbios-ns",
    raw,
    { timeout: 3, localOut: false, broadcastRoute: false, device: [] },
    {
      timeout: (value) => {
        if (isIntegerIn(value, 0, UINT_MAX)) return value;
        throw new FlowError(`netbios-ns: timeout must be 0..${UINT_MAX}`);
      },
      localOut: flag("localOut"),
      broadcastRoute: flag("broadcastRoute"),
      device: (value) => {
        if (!Array.isArray(value)) throw new FlowError("netbios-ns: device must be an array");
        return value.map(inIfaddr);
      },
    },
  );
}
