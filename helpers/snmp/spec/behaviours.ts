// The ways the snmp spec models name (reach(...) in index.ts, the shared broadcast help and
// connection) that the snmp generators are meant to reach (harness/spec-coverage.ts).

export const snmpBehaviours = [
  "IPv4",
  "IPv4, source NAT",
  "not locally generated",
  "not a broadcast route",
  "reply direction",
  "no primary device address with that broadcast",
  "broadcast query: permanent expectation",
  "from 161 in the ORIGINAL direction: not looked at",
  "no NAT",
  "decode error: data overrun",
  "decode error: unexpected tag",
  "decode error: length too long",
  "decode error: indefinite length on a primitive",
  "decode error: cons length error",
  "decode error: version > 1",
  "decode error: IpAddress not 4 bytes",
  "decoded, no IpAddress",
  "decoded, no IpAddress equal to the inside address",
  "one IpAddress replaced",
  "several IpAddresses replaced",
  "translated in the ORIGINAL direction",
  "translated in the REPLY direction",
] as const;

export const snmpTrapBehaviours = [
  "IPv4, source NAT",
  "to 162 in the REPLY direction: not looked at",
  "decode error: unexpected tag",
  "one IpAddress replaced",
  "translated in the ORIGINAL direction",
] as const;
