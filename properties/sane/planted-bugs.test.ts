import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { saneProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "sane",
  label: "SANE",
  properties: saneProperties,
  natRewrites: false,
  findWithin: 5000,
  holdsFor: 300,
  maxSegments: 4,
  plantedBugs: [
    ["differential", () => bugs.refusesPortZero, "differs from spec"],
    ["expectation-targets-server", () => bugs.expectsFromNatAddress, "not tcp"],
    ["expectation-from-successful-reply", () => bugs.ignoresStatus, "is not success"],
    ["expectation-from-successful-reply", () => bugs.littleEndianPort, "the reply announces port"],
    ["expectation-answers-start", () => bugs.neverClearsState, "came after the SANE_NET_START"],
    ["expectation-answers-start", () => bugs.startPrefixOfLongerSegment, "SANE_NET_START"],
    ["forwarded-unchanged", () => bugs.rewritesPortUnderNat, "forwarded as"],
  ],
});
