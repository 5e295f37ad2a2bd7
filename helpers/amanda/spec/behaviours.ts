// The ways the Amanda spec model names (reach(...) in index.ts and the shared connection and
// expectation list) that the Amanda generators are meant to reach (harness/spec-coverage.ts).

export const amandaBehaviours = [
  "IPv4",
  "IPv4, source NAT",
  "IPv6",
  "IPv6, source NAT",
  "backup server's datagram: not parsed",
  "amandad's datagram without CONNECT",
  "CONNECT without a newline after it",
  "CONNECT line without a port token",
  "DATA: port expected",
  "MESG: port expected",
  "INDEX: port expected",
  "STATE: port expected",
  "token without digits: later tokens skipped",
  "port 0: later tokens skipped",
  "more than 5 digits: the first 5 read",
  "port above 65535 wrapped",
  "NAT: port rewritten as it was",
  "NAT: port rewritten shorter (leading zeros or a 16-bit wrap)",
  "NAT: token found past the newline (stale region end)",
  "NAT: digits past the datagram's end (stale region end), later tokens skipped",
  "expectation: identical one replaced",
  "expectation: oldest evicted at max_expected",
] as const;
