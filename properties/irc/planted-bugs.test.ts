// Every property must be able to fail: each planted bug is found within a modest budget
// with a fixed seed, and the same property holds on the unmutated built-in helper.

import * as generic from "../core/generic-mutants.ts";
import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { ircProperties } from "./index.ts";
import { ircBuiltin, ircSubject } from "./irc-subject.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "irc",
  label: "IRC",
  properties: ircProperties,
  subject: ircSubject,
  findWithin: 3000,
  holdsFor: 200,
  // A burst of 9 DCCs for max-live-expectations.
  maxSegments: 12,
  plantedBugs: [
    ["never-throws", () => generic.throwsOnNul(ircBuiltin), "threw"],
    ["deterministic", () => generic.flaky(ircBuiltin), "differently"],
    ["well-formed-outcome", () => generic.losesLastSegment(ircBuiltin), "segment outcomes for"],
    ["pinhole-only-to-endpoints", () => generic.pinholeToThirdParty(ircBuiltin), "192.0.2.99"],
    ["max-live-expectations", () => generic.keepsEveryExpectation(ircBuiltin), "policy allows 8"],
    [
      "bytes-outside-rewrite-unchanged",
      () => generic.flipsCarriageReturn(ircBuiltin),
      "without NAT",
    ],
    [
      "bytes-outside-rewrite-unchanged",
      () => generic.changesLastByteOfRewrites(ircBuiltin),
      "unit boundary",
    ],
    [
      "sequence-adjustment-consistent",
      () => generic.forgetsSequenceAdjustment(ircBuiltin),
      "seqadj gives",
    ],
    ["differential", () => bugs.trustsServerAddress, "differs from"],
    ["nat-rewrite-parses-back", () => bugs.rewritesToRealAddress, "the server sees the client as"],
    ["forged-dcc-never-expects", () => bugs.trustsAnyAddress, "expected no expectation"],
    ["unanchored-dcc-never-expects", () => bugs.matchesDccAnywhere, "expected no expectation"],
    ["unanchored-dcc-never-expects", () => bugs.parsesReplyDirection, "expected no expectation"],
  ],
});
