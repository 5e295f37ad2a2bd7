// The ways the TFTP spec model names (reach(...) in index.ts and the shared connection and
// expectation list) that the TFTP generators are meant to reach (harness/spec-coverage.ts).

export const tftpBehaviours = [
  "IPv4",
  "IPv4, source NAT",
  "IPv6",
  "IPv6, source NAT",
  "orig: transfer request (RRQ or WRQ)",
  "reply: transfer request (RRQ or WRQ)",
  "orig: other opcode",
  "reply: other opcode",
  "orig: shorter than an opcode",
  "reply: shorter than an opcode",
  "expectation: identical one replaced",
] as const;
