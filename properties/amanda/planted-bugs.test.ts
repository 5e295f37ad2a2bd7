// Every Amanda property must be able to fail: each planted bug is found within a modest
// budget with a fixed seed, and the same property holds on the unmutated built-in helper.

import { builtinTarget } from "../../harness/targets/in-process.ts";
import * as generic from "../core/generic-mutants.ts";
import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { amandaProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "amanda",
  label: "Amanda",
  properties: amandaProperties,
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
      "policy allows 4",
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
    ["differential", () => bugs.forgetsState, "differs from spec"],
    ["orig-never-expects", () => bugs.readsBothDirections, "the orig datagrams changed"],
    ["nat-rewrite-only-token-digits", () => bugs.rewritesWholeDigitRun, "no expected port"],
  ],
});
