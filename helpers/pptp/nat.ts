// Which 2-byte field nf_nat_pptp (Linux 6.18) rewrites in a message the conntrack half
// accepted, under source or destination NAT. Offsets count from the message body.
//
// Outbound (PNS → PAC): the PNS's call id of Outgoing-Call-Request, Incoming-Call-Reply and
// Call-Clear-Request (offsetof callID = 0). Inbound (PAC → PNS): the peer's call id of
// Outgoing-Call-Reply (2), Incoming-Call-Connected (0), WAN-Error-Notify (0) and
// Set-Link-Info (0), and the call id of Call-Disconnect-Notify (0, the PAC's own field,
// overwritten with the PNS's id as the kernel does). Every other message goes unchanged.

import { MSG } from "./messages.ts";

export function outboundCallIdOffset(type: number): number | null {
  switch (type) {
    case MSG.OUT_CALL_REQUEST:
    case MSG.IN_CALL_REPLY:
    case MSG.CALL_CLEAR_REQUEST:
      return 0;
    default:
      return null;
  }
}

export function inboundPeerCallIdOffset(type: number): number | null {
  switch (type) {
    case MSG.OUT_CALL_REPLY:
      return 2;
    case MSG.IN_CALL_CONNECT:
    case MSG.WAN_ERROR_NOTIFY:
    case MSG.CALL_DISCONNECT_NOTIFY:
    case MSG.SET_LINK_INFO:
      return 0;
    default:
      return null;
  }
}
