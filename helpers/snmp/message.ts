// The SNMP grammar of Linux 6.18 net/ipv4/netfilter/nf_nat_snmp_basic.asn1 as small rule
// functions on the BER rules of ber.ts. Only what the kernel reads:
//   Message  ::= SEQUENCE { version INTEGER (1 byte, value 0 or 1), community OCTET STRING,
//                           pdu PDUs }
//   PDUs     ::= [0] [1] [2] [3] [5] [6] [7] [8] IMPLICIT PDU   ([4], the v1 Trap-PDU, is
//                not in the grammar: a v1 trap is an unexpected tag)
//   PDU      ::= SEQUENCE { request-id INTEGER, error-status INTEGER, error-index INTEGER,
//                           variable-bindings SEQUENCE OF VarBind }
//   VarBind  ::= SEQUENCE { name OBJECT IDENTIFIER, one of: INTEGER, OCTET STRING, OID,
//                IpAddress [APPLICATION 0] (exactly 4 bytes), Counter32 [A 1],
//                Unsigned32 [A 2], TimeTicks [A 3], Opaque [A 4], Counter64 [A 6], NULL,
//                noSuchObject [0], noSuchInstance [1], endOfMibView [2] (all primitive) }
// A CHOICE at the very end of its container is skipped (the decoder's OR_SKIP at
// dp == datalen, and the previous element's match satisfies the choice's COND_FAIL): a
// Message without a PDU and a VarBind without a value decode; an empty variable-bindings
// list does not (SEQUENCE OF matches its first element as mandatory), nor a Message of
// indefinite length whose PDU is not [8], the CHOICE's last alternative (measured on
// 6.18.44; nested indefinite lengths decode). Bytes after the Message are
// not read.

import {
  BerFailure,
  CONS_BIT,
  closeElement,
  type Element,
  hasMore,
  innerLimit,
  peekTag,
  readLength,
  tagMatches,
} from "./ber.ts";

/** Called with the offset of every IpAddress value (4 bytes), in message order. */
export type IpAddressVisit = (offset: number) => void;

export const TAG_SEQUENCE = 0x30;
export const TAG_INTEGER = 0x02;
export const TAG_OCTET_STRING = 0x04;
export const TAG_NULL = 0x05;
export const TAG_OID = 0x06;
export const TAG_IP_ADDRESS = 0x40;

/** The PDU tags of the grammar, in its CHOICE order. */
export const PDU_TAGS: readonly number[] = [0xa0, 0xa1, 0xa5, 0xa2, 0xa3, 0xa6, 0xa7, 0xa8];

/** The VarBind value tags of the grammar (all primitive). */
export const VALUE_TAGS: readonly number[] = [
  0x02, 0x04, 0x06, 0x40, 0x41, 0x43, 0x44, 0x46, 0x42, 0x05, 0x80, 0x81, 0x82,
];

/** A mandatory element with tag `wanted` at dp. */
export function mandatory(
  data: Uint8Array,
  dp: number,
  limit: number,
  wanted: number,
): Element | BerFailure {
  const tag = peekTag(data, dp, limit);
  if (tag instanceof BerFailure) return tag;
  if (!tagMatches(tag, wanted)) return new BerFailure("unexpected-tag");
  return readLength(data, dp, limit, tag);
}

/** One alternative of a CHOICE at dp; null when dp is at the limit (skipped). */
export function choice(
  data: Uint8Array,
  dp: number,
  limit: number,
  alternatives: readonly number[],
): Element | BerFailure | null {
  if (dp === limit) return null;
  const tag = peekTag(data, dp, limit);
  if (tag instanceof BerFailure) return tag;
  if (!alternatives.some((wanted) => tagMatches(tag, wanted))) {
    return new BerFailure("unexpected-tag");
  }
  return readLength(data, dp, limit, tag);
}

/** End of a primitive element (its length is always definite). */
function after(element: Element): number {
  return element.end as number;
}

/** version INTEGER: exactly 1 byte, value 0 (v1) or 1 (v2c). */
export function version(data: Uint8Array, dp: number, limit: number): number | BerFailure {
  const element = mandatory(data, dp, limit, TAG_INTEGER);
  if (element instanceof BerFailure) return element;
  if (after(element) - element.content !== 1) return new BerFailure("bad-version");
  if ((data[element.content] as number) > 1) return new BerFailure("unsupported-version");
  return after(element);
}

/** A primitive element that is only skipped. */
export function skipped(
  data: Uint8Array,
  dp: number,
  limit: number,
  wanted: number,
): number | BerFailure {
  const element = mandatory(data, dp, limit, wanted);
  return element instanceof BerFailure ? element : after(element);
}

/** VarBind ::= SEQUENCE { name, value }. */
export function varBind(
  data: Uint8Array,
  dp: number,
  limit: number,
  visit: IpAddressVisit,
): number | BerFailure {
  const bind = mandatory(data, dp, limit, TAG_SEQUENCE);
  if (bind instanceof BerFailure) return bind;
  const inner = innerLimit(bind, limit);
  let p = skipped(data, bind.content, inner, TAG_OID);
  if (p instanceof BerFailure) return p;
  const value = choice(data, p, inner, VALUE_TAGS);
  if (value instanceof BerFailure) return value;
  if (value !== null) {
    if (value.tag === TAG_IP_ADDRESS) {
      if (after(value) - value.content !== 4) return new BerFailure("bad-ip-address-length");
      visit(value.content);
    }
    p = after(value);
  }
  return closeElement(data, p, bind, limit);
}

/** variable-bindings SEQUENCE OF VarBind. */
export function varBindList(
  data: Uint8Array,
  dp: number,
  limit: number,
  visit: IpAddressVisit,
): number | BerFailure {
  const list = mandatory(data, dp, limit, TAG_SEQUENCE);
  if (list instanceof BerFailure) return list;
  const inner = innerLimit(list, limit);
  let p = list.content;
  // One element first: the decoder's END_SEQ_OF only decides whether another follows, so
  // an empty list fails like any missing mandatory element.
  for (;;) {
    const next = varBind(data, p, inner, visit);
    if (next instanceof BerFailure) return next;
    p = next;
    const more = hasMore(data, p, list, limit);
    if (more instanceof BerFailure) return more;
    if (!more) break;
  }
  return closeElement(data, p, list, limit);
}

/** The content of a PDU: request-id, error-status, error-index, variable-bindings. */
export function pduBody(
  data: Uint8Array,
  pdu: Element,
  limit: number,
  visit: IpAddressVisit,
): number | BerFailure {
  const inner = innerLimit(pdu, limit);
  let p: number | BerFailure = pdu.content;
  for (let i = 0; i < 3; i++) {
    p = skipped(data, p, inner, TAG_INTEGER);
    if (p instanceof BerFailure) return p;
  }
  p = varBindList(data, p, inner, visit);
  if (p instanceof BerFailure) return p;
  return closeElement(data, p, pdu, limit);
}

/** Message: null when it decodes, else the first failure. */
export function decodeMessage(data: Uint8Array, visit: IpAddressVisit): BerFailure | null {
  const limit = data.length;
  const message = mandatory(data, 0, limit, TAG_SEQUENCE);
  if (message instanceof BerFailure) return message;
  const inner = innerLimit(message, limit);
  let p: number | BerFailure = version(data, message.content, inner);
  if (p instanceof BerFailure) return p;
  p = skipped(data, p, inner, TAG_OCTET_STRING);
  if (p instanceof BerFailure) return p;
  const pdu = choice(data, p, inner, PDU_TAGS);
  if (pdu instanceof BerFailure) return pdu;
  if (pdu !== null) {
    // Measured on 6.18.44: in a Message of indefinite length only the CHOICE's last
    // alternative decodes (the decoder tries the later ones on the EOC).
    if (message.end === null && (pdu.tag | CONS_BIT) !== PDU_TAGS[PDU_TAGS.length - 1]) {
      return new BerFailure("indefinite-message");
    }
    p = pduBody(data, pdu, inner, visit);
    if (p instanceof BerFailure) return p;
  }
  const end = closeElement(data, p, message, limit);
  return end instanceof BerFailure ? end : null;
}
