// The reference spec model of the Linux NetBIOS name service helper (nf_conntrack_netbios_ns
// on nf_conntrack_broadcast_help), written from kernel-helpers.md §8 and the 6.18 source for
// obviousness. It turns a whole flow into an outcome, datagram by datagram.

import type { Expectation, Flow, Outcome, Trace } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { type Connection, connectionOf } from "../../spec-core/connection.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import { traceSegments } from "../../spec-core/segment-loop.ts";
import { type NetbiosNsConfig, parseNetbiosNsConfig } from "./config.ts";

/** §8 NMBD_PORT: helper->tuple.src.u.udp.port. */
const NMBD_PORT = 137;
/** §8 exp_policy.max_expected */
const MAX_EXPECTED = 1;

/** The in_dev_for_each_ifa_rcu walk: the first non-secondary address whose broadcast is
 * the destination gives the mask, and the walk stops there; 0 when none. */
function deviceMask(config: NetbiosNsConfig, daddr: string): number {
  for (const ifa of config.device) {
    if (ifa.secondary) continue;
    if (ifa.broadcast === daddr) return ifa.prefixLen;
  }
  return 0;
}

/** exp->tuple = the REPLY tuple, its source port set to the helper's port; the mask keeps
 * the network part of the source address and the whole source port; PERMANENT. */
function broadcastPinhole(connection: Connection, mask: number): Expectation {
  const reply = connection.tuple.reply;
  return {
    l4: "udp",
    src: reply.src,
    sport: NMBD_PORT,
    dst: reply.dst,
    dport: reply.dport,
    srcMask: mask,
    permanent: true,
  };
}

export function netbiosNsSpecTrace(flow: Flow): Trace {
  const connection = connectionOf(flow, { helper: "netbios-ns", l4: "udp", ipv4Only: true });
  const config = parseNetbiosNsConfig(flow.config);
  const expectations = new ExpectationList(MAX_EXPECTED);
  // iph->daddr of an ORIGINAL packet: the server (source NAT leaves it alone).
  const daddr = connection.tuple.orig.dst;

  return traceSegments(flow.segments, {
    expectations,
    help(dir, _seq, data) {
      // The checks in the kernel's order; every path ends in NF_ACCEPT.
      if (!config.localOut) reach("not locally generated");
      else if (!config.broadcastRoute) reach("not a broadcast route");
      else if (dir !== "orig") reach("reply direction");
      else {
        const mask = deviceMask(config, daddr);
        if (mask === 0) {
          reach(
            config.device.some((ifa) => !ifa.secondary && ifa.broadcast === daddr)
              ? "matching primary address has mask 0"
              : "no primary device address with that broadcast",
          );
        } else {
          reach("broadcast query: permanent expectation");
          // nf_ct_expect_related's answer is ignored: nothing is dropped.
          expectations.insert(broadcastPinhole(connection, mask));
        }
      }
      return { verdict: "accept", data };
    },
  });
}

export function netbiosNsSpec(flow: Flow): Outcome {
  return netbiosNsSpecTrace(flow).outcome;
}
