// The address-bearing parts of a SIP message (kernel-helpers.md §6.3): the Request-URI
// (ct_sip_parse_request) and URI headers (ct_sip_parse_header_uri), address and port.

import { addressText } from "./address-text.ts";
import {
  lettersLength,
  type ParsedPort,
  sipParseAddr,
  sipParsePort,
  skipUserAndEpaddrLength,
} from "./addresses.ts";
import { SIP_PORT, type SipContext } from "./context.ts";
import { type InHeader, type SipHeaderType, walkHeaders } from "./headers.ts";
import { at, CR, LF, type Message, startsWithIgnoringCase } from "./message.ts";
import { simpleStrtoul, sipStrtouint, toU32 } from "./numbers.ts";

export interface UriMatch {
  /** 1 parsed, 0 none, -1 malformed. */
  ret: 1 | 0 | -1;
  matchoff: number;
  matchlen: number;
  /** Canonical text of the address. */
  addr: string;
  port: number;
  /** Where the address[:port] ended (the kernel's *dataoff out-parameter). */
  end: number;
}

const NONE: UriMatch = { ret: 0, matchoff: 0, matchlen: 0, addr: "", port: 0, end: 0 };
const MALFORMED: UriMatch = { ...NONE, ret: -1 };

/** A decimal number the way this kernel reads one (simple_strtoul base 10 stored in an
 * unsigned int, or sip_strtouint since 2026-04). */
export function readDecimal(
  context: SipContext,
  message: Message,
  offset: number,
  limit: number,
): { value: number; end: number } {
  if (context.config.base10Parameters) {
    const parsed = sipStrtouint(message, offset, limit - offset);
    return { value: Number(parsed.value), end: parsed.end };
  }
  const parsed = simpleStrtoul(message, offset, 10);
  return { value: toU32(parsed.value), end: parsed.end };
}

/** The port after an address: sip_parse_port (2026-04), or before it ":" + digits in
 * 1024–65535 (the byte after the address is read even at the limit), else SIP_PORT. */
function portAfterAddress(
  context: SipContext,
  message: Message,
  end: number,
  limit: number,
  requireBeforeLimit: boolean,
): ParsedPort | null {
  if (context.config.strictPorts) return sipParsePort(message, end, limit);
  const hasColon = (!requireBeforeLimit || end < limit) && at(message, end) === 0x3a;
  if (!hasColon) return { port: SIP_PORT, end };
  const number = readDecimal(context, message, end + 1, limit);
  if (number.value < 1024 || number.value > 65535) return null;
  return { port: number.value, end: number.end };
}

/** ct_sip_parse_header_uri: the next parsable header of the type (a walk, see headers.ts),
 * then its address and port. `dataoff` and `inHeader` continue a walk over several. */
export function parseHeaderUri(
  context: SipContext,
  message: Message,
  dataoff: number,
  datalen: number,
  type: SipHeaderType,
  inHeader: InHeader | null,
): UriMatch {
  const found = walkHeaders(context, message, dataoff, datalen, type, inHeader);
  if (found.ret === 0) return NONE;
  const address = sipParseAddr(context, message, found.matchoff, datalen, true);
  if (address === null) return MALFORMED;
  // ct_sip_parse_header_uri checks "*c == ':'" without a limit test before 2026-04.
  const port = portAfterAddress(context, message, address.end, datalen, false);
  if (port === null) return MALFORMED;
  return {
    ret: 1,
    matchoff: found.matchoff,
    matchlen: found.matchlen,
    addr: addressText(address.bytes),
    port: port.port,
    end: port.end,
  };
}

/** ct_sip_parse_request: "Method SP ... sip:[user@]address[:port]" on the first line. */
export function parseRequest(context: SipContext, message: Message, datalen: number): UriMatch {
  const limit = datalen;
  const methodLength = lettersLength(message, 0, limit);
  if (methodLength === 0) return NONE;
  // The method and one more byte (meant to be the space) are skipped.
  let dptr = methodLength + 1;
  if (dptr >= limit) return NONE;
  // Find "sip:"; a line end first is malformed. Not finding it leaves dptr at limit - 4.
  for (; dptr < limit - 4; dptr++) {
    if (at(message, dptr) === CR || at(message, dptr) === LF) return MALFORMED;
    if (startsWithIgnoringCase(message, dptr, "sip:")) {
      dptr += 4;
      break;
    }
  }
  const shift = { value: 0 };
  if (skipUserAndEpaddrLength(context, message, dptr, limit, shift) === 0) return NONE;
  dptr += shift.value;
  const address = sipParseAddr(context, message, dptr, limit, true);
  if (address === null) return MALFORMED;
  const port = portAfterAddress(context, message, address.end, limit, true);
  if (port === null) return MALFORMED;
  if (port.end === dptr) return NONE;
  return {
    ret: 1,
    matchoff: dptr,
    matchlen: port.end - dptr,
    addr: addressText(address.bytes),
    port: port.port,
    end: port.end,
  };
}
