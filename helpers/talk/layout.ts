// Where the talk helper looks in a datagram: the byte offsets of the fields it reads and
// writes, per talk flavour, from the structures of ip_conntrack_talk.h (patch-o-matic,
// "talk structures and constants from <protocols/talkd.h>"). Every struct is packed as on
// the wire: a talk_addr (4.3BSD osockaddr) is 16 bytes — family, port (network order),
// address (network order), 8 bytes of junk.

/** UDP ports the two conntrack/NAT helpers register on (`#define TALK_PORT 517`,
 * `#define NTALK_PORT 518`). */
export const TALK_PORT = 517;
export const NTALK_PORT = 518;

/** `#define NTALK_VERSION 1`, `#define NTALK2_VERSION 2` (old talk has no version byte). */
export const NTALK_VERSION = 1;
export const NTALK2_VERSION = 2;

/** Message types (`LEAVE_INVITE 0`, `LOOK_UP 1`, `DELETE 2`, `ANNOUNCE 3`). */
export const LOOK_UP = 1;
export const ANNOUNCE = 3;
/** Answer `SUCCESS 0`. */
export const SUCCESS = 0;

/** Within a talk_addr: ta_port at +2, ta_addr at +4. */
export const ADDR_PORT = 2;
export const ADDR_IP = 4;

/** struct talk_msg (old talk, 517): type, l_name[9], r_name[9], pad, id_num, pid,
 * r_tty[16], addr, ctl_addr = 76 bytes. */
export const TALK_MSG_SIZE = 76;
export const TALK_MSG_ADDR = 44;
export const TALK_MSG_CTL_ADDR = 60;

/** struct ntalk_msg / ntalk2_msg (518): vers, type, answer, pad|extended, id_num, addr,
 * ctl_addr, pid, l_name[12], r_name[12], r_tty[16] = 84 bytes (ntalk2: + `extended`). */
export const NTALK_MSG_SIZE = 84;
export const NTALK_MSG_ADDR = 8;
export const NTALK_MSG_CTL_ADDR = 24;
export const NTALK2_MSG_EXTENDED = 3;

/** struct talk_response (517): type, answer, pad[2], id_num, addr = 24 bytes. */
export const TALK_RESPONSE_SIZE = 24;
/** struct ntalk_response (518): vers, type, answer, pad, id_num, addr = 24 bytes;
 * struct ntalk2_response adds r_name[12] = 36 bytes. */
export const NTALK_RESPONSE_SIZE = 24;
export const NTALK2_RESPONSE_SIZE = 36;
/** addr sits at 8 in every response flavour. */
export const RESPONSE_ADDR = 8;

export function readPort(data: Uint8Array, addrAt: number): number {
  return (data[addrAt + ADDR_PORT] << 8) | data[addrAt + ADDR_PORT + 1];
}

/** INADDR_ANY test on ta_addr. */
export function isAnyAddress(data: Uint8Array, addrAt: number): boolean {
  const at = addrAt + ADDR_IP;
  return (data[at] | data[at + 1] | data[at + 2] | data[at + 3]) === 0;
}
