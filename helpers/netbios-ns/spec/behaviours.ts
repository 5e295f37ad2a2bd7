// The ways the netbios-ns spec model names (reach(...) in index.ts and the shared connection
// and expectation list) that the netbios-ns generators are meant to reach
// (harness/spec-coverage.ts).

export const netbiosNsBehaviours = [
  "IPv4",
  "IPv4, source NAT",
  "not locally generated",
  "not a broadcast route",
  "reply direction",
  "no primary device address with that broadcast",
  "matching primary address has mask 0",
  "broadcast query: permanent expectation",
  "expectation: identical one replaced",
] as const;
