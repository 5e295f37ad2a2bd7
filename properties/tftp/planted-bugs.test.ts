// Every TFTP property must be able to fail: each planted bug is found within a modest
// budget with a fixed seed, and the same property holds on the unmutated built-in helper.

import { builtinTarget } from "../../harness/targets/in-process.ts";
import * as generic from "../core/generic-mutants.ts";
import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { tftpProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "tftp",
  label: "TFTP",
  properties: tftpProperties,
  findWithin: 5000,
  holdsFor: 300,
  maxSegments: 4,
  plantedBugs: [
    ["never-throws", () => generic.throwsOnNul(builtinTarget), "threw"],
    ["deterministic", () => generic.flaky(builtinTarget), "differently"],
    ["well-formed-outcome", () => generic.losesLastSegment(builtinTarget), "segment outcomes for"],
    [
      "pinhole-only-to-endpoints",
      () => generic.pinholeToThirdParty(builtinTarget),
      "not an endpoint",
    ],
    [
      "max-live-expectations",
      () => generic.keepsEveryExpectation(builtinTarget),
      "policy allows 1",
    ],
    [
      "bytes-outside-rewrite-unchanged",
      () => generic.changesLastByte(builtinTarget),
      "without NAT",
    ],
    [
      "datagram-seq-unchanged",
      () => generic.shiftsLaterSegments(builtinTarget),
      "its input seq is",
    ],
    ["differential", () => bugs.oackExpects, "differs from spec"],
    ["expectation-targets-client", () => bugs.expectsFromSenderTuple, "not udp"],
    ["one-expectation-per-request", () => bugs.ignoresServerRequests, "RRQ/WRQ datagrams created"],
  ],
});
