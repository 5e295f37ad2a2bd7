// Every TFTP property must be able to fail: each planted bug is found within a modest
// budget with a fixed seed, and the same property holds on the unmutated built-in helper.

import * as generic from "../core/generic-mutants.ts";
import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { tftpProperties } from "./index.ts";
import * as bugs from "./mutants.ts";
import { tftpBuiltin, tftpSubject } from "./tftp-subject.ts";

describePlantedBugs({
  helper: "tftp",
  label: "TFTP",
  properties: tftpProperties,
  subject: tftpSubject,
  findWithin: 5000,
  holdsFor: 300,
  maxSegments: 4,
  plantedBugs: [
    ["never-throws", () => generic.throwsOnNul(tftpBuiltin), "threw"],
    ["deterministic", () => generic.flaky(tftpBuiltin), "differently"],
    ["well-formed-outcome", () => generic.losesLastSegment(tftpBuiltin), "segment outcomes for"],
    [
      "pinhole-only-to-endpoints",
      () => generic.pinholeToThirdParty(tftpBuiltin),
      "not an endpoint",
    ],
    ["max-live-expectations", () => generic.keepsEveryExpectation(tftpBuiltin), "policy allows 1"],
    ["bytes-outside-rewrite-unchanged", () => generic.changesLastByte(tftpBuiltin), "without NAT"],
    ["datagram-seq-unchanged", () => generic.shiftsLaterSegments(tftpBuiltin), "its input seq is"],
    ["differential", () => bugs.oackExpects, "differs from spec"],
    ["expectation-targets-client", () => bugs.expectsFromSenderTuple, "not udp"],
    ["one-expectation-per-request", () => bugs.ignoresServerRequests, "RRQ/WRQ datagrams created"],
  ],
});
