// Amanda's UDP protocol (bsd/bsdudp auth): a header line "Amanda 2.6 KIND HANDLE h SEQ n",
// then a body. The backup server sends REQ and ACK; amandad answers PREP, REP (with the
// CONNECT line for sendbackup), ACK or NAK.

import fc from "fast-check";

const handle = fc
  .nat(0xffffffff)
  .map((n) => `000-${n.toString(16).toUpperCase().padStart(8, "0")}`);
const sequence = fc.nat(2 ** 31 - 1);
const version = fc.constantFrom("2.6", "2.5", "2.4");

export function amandaHeader(kind: string): fc.Arbitrary<string> {
  return fc
    .tuple(version, handle, sequence)
    .map(([v, h, s]) => `Amanda ${v} ${kind} HANDLE ${h} SEQ ${s}\n`);
}

export const OPTIONS_LINE = "OPTIONS features=9ffe00;\n";

/** The backup server's request to amandad (ORIGINAL direction). */
export function amandaRequestBody(): fc.Arbitrary<string> {
  return fc.constantFrom(
    "SECURITY USER amandabackup\nSERVICE sendbackup\nOPTIONS features=9ffe00;maxdumps=1;hostname=client.example;config=DailySet1;\n",
    "SERVICE sendsize\nOPTIONS features=9ffe00;maxdumps=1;hostname=client.example;\nGNUTAR /home 0 1970:1:1:0:0:0 -1\n",
    "SERVICE noop\nOPTIONS features=9ffe00;\n",
    "",
  );
}

/** A reply body without CONNECT. */
export function plainReplyBody(): fc.Arbitrary<string> {
  return fc.constantFrom(
    OPTIONS_LINE,
    "ERROR service sendbackup: could not open /etc/amandates\n",
    "OPTIONS features=9ffe00;\nGNUTAR /home 0 SIZE 1048576\n",
    "",
  );
}
