// The ways the IRC spec model names (reach(...) in index.ts, find-dcc.ts, parse-dcc.ts and
// the shared connection and expectation list) that the IRC generators are meant to reach
// (harness/spec-coverage.ts). The helper is IPv4 only.
//
// Left out: "NAT: rewrite would pass 65535 bytes, dropped" needs a client segment of some
// 65,000 bytes carrying a DCC; the generators keep segments to a few thousand bytes (the
// 4095-byte search window is what they probe), and thousands of 64 KiB flows per campaign
// would cost more than the one rule is worth.

export const ircBehaviours = [
  "IPv4",
  "IPv4, source NAT",
  "server's segment: not examined",
  "empty client segment",
  "client segment past 4095 bytes: only those searched",
  "client segment of 10 bytes or fewer after leading blanks",
  "client segment not starting with PRIVMSG",
  "PRIVMSG: no DCC before the last 26 bytes",
  "PRIVMSG: ' :' not followed by a CTCP DCC, search stopped",
  "DCC of an unknown type: search goes on",
  "DCC SEND found",
  "DCC CHAT found",
  "DCC MOVE found",
  "DCC TSEND found",
  "DCC SCHAT found",
  "DCC: first argument too close to the end, ignored",
  "DCC: no newline after the first argument, ignored",
  "DCC address above 2^32-1 truncated",
  "DCC port above 65535 truncated",
  "DCC names another host: no expectation",
  "DCC port 0: no expectation",
  "DCC names the client: expected",
  "NAT: DCC names the client's real address",
  "NAT: DCC names the client's NAT address",
  "NAT: rewritten, same length",
  "NAT: rewritten, length changed (sequence adjustment)",
  "expectation: identical one replaced",
  "expectation: oldest evicted at max_expected",
] as const;
