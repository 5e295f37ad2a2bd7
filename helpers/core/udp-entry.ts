// The UDP conntrack entry around a helper that can drop a datagram (measured on 6.18.44 for
// SIP, docs/sip.md D2/D3, and for SNMP's NAT half, docs/kernel-target.md "snmp"). A flow
// that starts with a client datagram creates its entry with that datagram; if the helper
// drops it, the unconfirmed entry is destroyed with its expectations and its helper state.
// Then:
// - the next client datagram creates a new entry with the helper and fresh state;
// - a server datagram first creates an entry in the server → client direction without the
//   helper (the helper is attached to client → server packets): everything after it is
//   forwarded unchanged; under source NAT that datagram (to the NAT address) has no binding
//   and is dropped, leaving no entry.
// A flow that starts with a server datagram has its entry already (made by the client's
// datagram before it), so a drop there destroys nothing.

import type { PacketResult } from "./helper.ts";
import type { Dir } from "./model.ts";

export enum EntryPhase {
  /** No datagram seen yet. */
  Unknown,
  /** No entry: the next client datagram creates one (unconfirmed until accepted). */
  None,
  /** An entry with the helper. */
  Helped,
  /** An entry without the helper: everything passes unchanged. */
  Unhelped,
}

/** Helper state that follows its UDP entry. */
export interface EntryState {
  entry: EntryPhase;
}

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });
const DROP: PacketResult = Object.freeze({ verdict: "drop" });

/** What happens to a datagram before the helper sees it; null = the helper runs (and the
 * entry is `None` when this datagram creates it). A helped entry, the common case, costs
 * one comparison. */
export function entryVerdict(state: EntryState, natted: boolean, dir: Dir): PacketResult | null {
  if (state.entry === EntryPhase.Helped) return null;
  if (state.entry === EntryPhase.Unknown) {
    state.entry = dir === "orig" ? EntryPhase.None : EntryPhase.Helped;
  }
  if (state.entry === EntryPhase.Unhelped) return ACCEPT;
  if (state.entry === EntryPhase.None && dir === "reply") {
    if (natted) return DROP;
    state.entry = EntryPhase.Unhelped;
    return ACCEPT;
  }
  return null;
}

/** After the helper's verdict: true when the datagram created the entry and was dropped,
 * so the entry dies (the caller forgets its expectations and state); else it stands. */
export function entryDiesWith(state: EntryState, verdict: PacketResult["verdict"]): boolean {
  if (verdict !== "accept") return state.entry === EntryPhase.None;
  state.entry = EntryPhase.Helped;
  return false;
}
