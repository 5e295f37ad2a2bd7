// What the parsers need to know about the connection: its family (in4_pton or in6_pton,
// "IN IP4 " or "IN IP6 ") and whether the 2026 parsing fixes are in (strictParsing).

export interface Dialect {
  family: 4 | 6;
  /** 2026-03 Content-Length ≤ remaining, 2026-04 sip_parse_port and sip_strtouint (base
   * 10, > UINT_MAX fails), NAT rport= 1024…65535. */
  strict: boolean;
}

const DIALECTS: Record<4 | 6, readonly [Dialect, Dialect]> = {
  4: [Object.freeze({ family: 4, strict: false }), Object.freeze({ family: 4, strict: true })],
  6: [Object.freeze({ family: 6, strict: false }), Object.freeze({ family: 6, strict: true })],
};

export function dialectOf(family: 4 | 6, strict: boolean): Dialect {
  return DIALECTS[family][strict ? 1 : 0];
}
