// The ways the SANE spec model names (reach(...) in index.ts and the shared connection and
// expectation list) that the SANE generators are meant to reach (harness/spec-coverage.ts).

export const saneBehaviours = [
  "IPv4",
  "IPv4, source NAT",
  "IPv6",
  "IPv6, source NAT",
  "empty segment",
  "request START",
  "request of another code",
  "request not 8 bytes: state kept",
  "reply with no START pending",
  "START reply shorter than 8 bytes",
  "START reply: status or zero field not 0",
  "START reply announces a port",
  "START reply announces port 0",
  "expectation: identical one replaced",
  "expectation: oldest evicted at max_expected",
] as const;
