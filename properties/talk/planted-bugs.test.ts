import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { talkProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "talk",
  label: "talk",
  properties: talkProperties,
  findWithin: 5000,
  holdsFor: 300,
  maxSegments: 4,
  // One expectation per flow at most: the generic never-evicting target looks like talk.
  replacesUniversalBugs: ["max-live-expectations", "live-expectations-match"],
  plantedBugs: [
    ["differential", () => bugs.ntalk2AnswerExactLength, "differs from spec"],
    ["max-live-expectations", () => bugs.expectsEveryAnswer, "policy allows 1"],
    ["live-expectations-match", () => bugs.failedAnswerCancels, "holds ["],
    ["expectation-from-own-answer", () => bugs.ignoresAnswerCode, "no daemon answer is a SUCCESS"],
    ["expectation-from-own-answer", () => bugs.readsClientAnswers, "created 1 expectations"],
    ["expectation-targets-named-address", () => bugs.announceToClientPort, "not udp"],
    ["nat-rewrites-own-address", () => bugs.ctlAddrFromInside, "not the client"],
    ["nat-rewrites-own-address", () => bugs.lookUpAnswerToNatAddress, "addr now names"],
  ],
});
