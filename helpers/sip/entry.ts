// The UDP conntrack entry around the helper (measured on 6.18.44, docs/sip.md D2/D3).
// A flow that starts with a client datagram creates its entry with that datagram; if the
// helper drops it, the unconfirmed entry is destroyed with its expectations and its helper
// state. Then:
// - the next client datagram creates a new entry with the helper and fresh state;
// - a server datagram first creates an entry in the server → client direction without the
//   helper (the helper is attached to client → server packets): everything after it is
//   forwarded unchanged; under source NAT that datagram (to the NAT address) has no binding
//   and is dropped, leaving no entry.
// A flow that starts with a server datagram has its entry already (made by the client's
// datagram before it), so a drop there destroys nothing.

export enum EntryPhase {
  /** No datagram seen yet. */
  Unknown,
  /** No entry: the next client datagram creates one (unconfirmed until accepted). */
  None,
  /** An entry with the SIP helper. */
  Helped,
  /** An entry without the helper: everything passes unchanged. */
  Unhelped,
}
