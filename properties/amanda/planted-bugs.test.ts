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
    ["differential", () => bugs.forgetsState, "differs from spec"],
    ["orig-never-expects", () => bugs.readsBothDirections, "the orig datagrams changed"],
    ["nat-rewrite-only-token-digits", () => bugs.rewritesWholeDigitRun, "no expected port"],
  ],
});
