import { helperRegistry } from "../../helpers/registry.ts";
import { refusesNewWhenFull } from "../core/generic-mutants.ts";
import { builtinTarget } from "../core/in-process.ts";
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
    // Evicts the wrong one: the count stays within max_expected, only the live sets show it.
    [
      "live-expectations-match",
      () => refusesNewWhenFull(builtinTarget, helperRegistry.irc.helper),
      "holds [",
    ],
    ["differential", () => bugs.trustsServerAddress, "differs from"],
    ["nat-rewrite-parses-back", () => bugs.rewritesToRealAddress, "the server sees the client as"],
    ["forged-dcc-never-expects", () => bugs.trustsAnyAddress, "expected no expectation"],
    ["unanchored-dcc-never-expects", () => bugs.matchesDccAnywhere, "expected no expectation"],
    ["unanchored-dcc-never-expects", () => bugs.parsesReplyDirection, "expected no expectation"],
  ],
});
