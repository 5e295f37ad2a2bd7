// Every property must be able to fail: each planted bug is found within a modest budget
// with a fixed seed, and the same property holds on the unmutated built-in helper.

import { builtinTarget } from "../../harness/targets/in-process.ts";
import * as generic from "../core/generic-mutants.ts";
import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { ircProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "irc",
  label: "IRC",
  properties: ircProperties,
  findWithin: 3000,
  holdsFor: 200,
  // A burst of 9 DCCs for max-live-expectations.
  maxSegments: 12,
  plantedBugs: [
    ["never-throws", () => generic.throwsOnNul(builtinTarget), "threw"],
    ["deterministic", () => generic.flaky(builtinTarget), "differently"],
    ["well-formed-outcome", () => generic.losesLastSegment(builtinTarget), "segment outcomes for"],
    ["pinhole-only-to-endpoints", () => generic.pinholeToThirdParty(builtinTarget), "192.0.2.99"],
    [
      "max-live-expectations",
      () => generic.keepsEveryExpectation(builtinTarget),
      "policy allows 8",
    ],
    [
      "bytes-outside-rewrite-unchanged",
      () => generic.flipsCarriageReturn(builtinTarget),
      "without NAT",
    ],
    [
      "bytes-outside-rewrite-unchanged",
      () => generic.changesLastByteOfRewrites(builtinTarget),
      "unit boundary",
    ],
    [
      "sequence-adjustment-consistent",
      () => generic.forgetsSequenceAdjustment(builtinTarget),
      "seqadj gives",
    ],
    ["differential", () => bugs.trustsServerAddress, "differs from"],
    ["nat-rewrite-parses-back", () => bugs.rewritesToRealAddress, "the server sees the client as"],
    ["forged-dcc-never-expects", () => bugs.trustsAnyAddress, "expected no expectation"],
    ["unanchored-dcc-never-expects", () => bugs.matchesDccAnywhere, "expected no expectation"],
    ["unanchored-dcc-never-expects", () => bugs.parsesReplyDirection, "expected no expectation"],
  ],
});
