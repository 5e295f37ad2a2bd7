// The life of a UDP flow's conntrack as the router sees it, for the helpers that can drop a
// datagram (SIP and SNMP's NAT half), measured on 6.18.44 (docs/sip.md, "The dropped first
// datagram (D1, D2, D3)": D2/D3; docs/kernel-target.md "snmp"). It is not the helper's
// code: it says which datagrams reach the helper at all, and when its state dies.
//
// * A conntrack is confirmed only once its first packet has passed. When the helper drops
//   an orig first datagram, the unconfirmed conntrack is destroyed with its expectations
//   and the helper's state; the next datagram finds none.
// * The helper is attached to client → server packets only (the router's `ct helper set`
//   rule). A server datagram that finds no conntrack starts one server → client WITHOUT the
//   helper: it and everything after it (the client's datagrams are that conntrack's reply
//   direction) pass unchanged. Under source NAT the server's datagram is addressed to the
//   NAT address, which has no binding any more: it is dropped (corpus k9b) and makes no
//   conntrack (the next client datagram is helped afresh with the NAT binding, k9b #2).
// * A flow that starts with a server datagram already has its conntrack: the kernel target
//   sends an empty client datagram first (docs/kernel-target.md), which the helper accepts
//   untouched. So a dropped reply there kills nothing (corpus k9a).

import type { Segment } from "../core/model.ts";

/** none: no conntrack, the next client datagram makes one with the helper;
 * helped: the client → server conntrack with the helper, confirmed;
 * unhelped: a server → client conntrack without the helper, for the rest of the flow. */
export type UdpConntrack = "none" | "helped" | "unhelped";

export function initialUdpConntrack(segments: readonly Segment[]): UdpConntrack {
  return segments[0]?.dir === "reply" ? "helped" : "none";
}

/** What happens to a datagram that arrives while there is no conntrack, other than a
 * client datagram (which goes to the helper on a new conntrack). */
export function replyWithoutConntrack(natted: boolean): {
  verdict: "accept" | "drop";
  next: UdpConntrack;
} {
  // Under NAT: measured for the first such reply (k9b #1). Replies after it before any
  // client datagram are NOT measured (docs/sip.md, "Open questions"): the
  // agent's blackhole route for the NAT address drops each the same way, so they are
  // modelled as dropped too, each leaving no conntrack.
  if (natted) return { verdict: "drop", next: "none" };
  return { verdict: "accept", next: "unhelped" };
}
