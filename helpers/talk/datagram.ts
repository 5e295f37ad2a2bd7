// Which datagrams the talk helper takes for a request (CTL_MSG) or an answer
// (CTL_RESPONSE), and where their fields are. Only the length and, on 518, the version
// byte decide; the helper never looks at names, ttys, id_num or the sockaddr families.

import type { TalkConfig } from "./config.ts";
import {
  NTALK_MSG_ADDR,
  NTALK_MSG_CTL_ADDR,
  NTALK_MSG_SIZE,
  NTALK_RESPONSE_SIZE,
  NTALK_VERSION,
  NTALK2_MSG_EXTENDED,
  NTALK2_RESPONSE_SIZE,
  NTALK2_VERSION,
  RESPONSE_ADDR,
  TALK_MSG_ADDR,
  TALK_MSG_CTL_ADDR,
  TALK_MSG_SIZE,
  TALK_PORT,
  TALK_RESPONSE_SIZE,
} from "./layout.ts";

/** A request's two addresses: where they start in the datagram. */
export interface MessageFields {
  addrAt: number;
  ctlAddrAt: number;
}

/** An answer's type and answer bytes, and where its addr starts. */
export interface ResponseFields {
  type: number;
  answer: number;
  addrAt: number;
}

const OLD_TALK_MESSAGE: MessageFields = Object.freeze({
  addrAt: TALK_MSG_ADDR,
  ctlAddrAt: TALK_MSG_CTL_ADDR,
});
const NTALK_MESSAGE: MessageFields = Object.freeze({
  addrAt: NTALK_MSG_ADDR,
  ctlAddrAt: NTALK_MSG_CTL_ADDR,
});

/** ip_nat_talk talk_help(), IP_CT_DIR_ORIGINAL: on 517 exactly sizeof(struct talk_msg);
 * on 518 `ntalk && udplen == ... sizeof(struct ntalk_msg) && vers == NTALK_VERSION`, else
 * `ntalk2 && ... vers == NTALK2_VERSION && udplen == ... sizeof(struct ntalk2_msg) +
 * extended`. null = "not talk message" (the NAT half drops it). */
export function messageFields(
  data: Uint8Array,
  talkPort: number,
  config: TalkConfig,
): MessageFields | null {
  if (talkPort === TALK_PORT) return data.length === TALK_MSG_SIZE ? OLD_TALK_MESSAGE : null;
  if (config.ntalk && data.length === NTALK_MSG_SIZE && data[0] === NTALK_VERSION) {
    return NTALK_MESSAGE;
  }
  if (
    config.ntalk2 &&
    data.length >= NTALK_MSG_SIZE &&
    data[0] === NTALK2_VERSION &&
    data.length === NTALK_MSG_SIZE + data[NTALK2_MSG_EXTENDED]
  ) {
    return NTALK_MESSAGE;
  }
  return null;
}

/** ip_conntrack_talk talk_help() (and the same test in ip_nat_talk for the reply
 * direction): on 517 exactly sizeof(struct talk_response), no version byte; on 518
 * `ntalk && udplen == ... sizeof(struct ntalk_response) && vers == NTALK_VERSION`, else
 * `ntalk2 && udplen >= ... sizeof(struct ntalk2_response) && vers == NTALK2_VERSION`. */
export function responseFields(
  data: Uint8Array,
  talkPort: number,
  config: TalkConfig,
): ResponseFields | null {
  if (talkPort === TALK_PORT) {
    if (data.length !== TALK_RESPONSE_SIZE) return null;
    return { type: data[0], answer: data[1], addrAt: RESPONSE_ADDR };
  }
  const ntalk = config.ntalk && data.length === NTALK_RESPONSE_SIZE && data[0] === NTALK_VERSION;
  const ntalk2 =
    !ntalk && config.ntalk2 && data.length >= NTALK2_RESPONSE_SIZE && data[0] === NTALK2_VERSION;
  if (!ntalk && !ntalk2) return null;
  return { type: data[1], answer: data[2], addrAt: RESPONSE_ADDR };
}
