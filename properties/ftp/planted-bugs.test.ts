// Every property must be able to fail: each planted bug is found within a modest budget
// with a fixed seed, and the same property holds on the unmutated built-in helper.

import { describe, expect, it } from "vitest";
import { helperRegistry } from "../../helpers/registry.ts";
import { refusesNewWhenFull } from "../core/generic-mutants.ts";
import { builtinTarget } from "../core/in-process.ts";
import { describePlantedBugs, propertyNamed } from "../core/planted-bug-suite.ts";
import { subjectFor } from "../core/subject.ts";
import { ftpProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "ftp",
  label: "FTP",
  properties: ftpProperties,
  findWithin: 5000,
  holdsFor: 300,
  maxSegments: 6,
  plantedBugs: [
    // Evicts the wrong one: the count stays within max_expected, only the live sets show it.
    [
      "live-expectations-match",
      () => refusesNewWhenFull(builtinTarget, helperRegistry.ftp.helper),
      "holds [",
    ],
    ["differential", () => bugs.forgetsEprtExpectations, "differs from spec"],
    ["nat-rewrite-parses-back", () => bugs.rewritesToRealAddress, "the peer sees the sender as"],
    ["eprt-family-mismatch-never-expects", () => bugs.ignoresEprtFamily, "expected no expectation"],
    ["no-bounce-without-loose", () => bugs.alwaysLoose, "expected no expectation"],
    ["unparsed-position-never-expects", () => bugs.parsesFirstSegment, "expected no expectation"],
  ],
});

describe("the live-set properties without a trace", () => {
  it.each(["max-live-expectations", "live-expectations-match"])(
    "%s says why it is skipped",
    (name) => {
      const property = propertyNamed(ftpProperties, name);
      const noTrace = { name: "no-trace", run: subjectFor("ftp").target.run };
      expect(property.skipReason?.(subjectFor("ftp", noTrace))).toMatch(
        /no-trace cannot show its live expectations/,
      );
      expect(property.skipReason?.(subjectFor("ftp"))).toBeUndefined();
    },
  );
});
