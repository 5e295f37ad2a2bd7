// Every property must be able to fail: each planted bug is found within a modest budget
// with a fixed seed, and the same property holds on the unmutated built-in helper.

import { describe, expect, it } from "vitest";
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
    ["differential", () => bugs.forgetsEprtExpectations, "differs from spec"],
    ["nat-rewrite-parses-back", () => bugs.rewritesToRealAddress, "the peer sees the sender as"],
    ["eprt-family-mismatch-never-expects", () => bugs.ignoresEprtFamily, "expected no expectation"],
    ["no-bounce-without-loose", () => bugs.alwaysLoose, "expected no expectation"],
    ["unparsed-position-never-expects", () => bugs.parsesFirstSegment, "expected no expectation"],
  ],
});

describe("max-live-expectations without a trace", () => {
  it("says why it is skipped", () => {
    const property = propertyNamed(ftpProperties, "max-live-expectations");
    const noTrace = { name: "no-trace", run: subjectFor("ftp").target.run };
    expect(property.skipReason?.(subjectFor("ftp", noTrace))).toMatch(
      /no-trace cannot show its live expectations/,
    );
    expect(property.skipReason?.(subjectFor("ftp"))).toBeUndefined();
  });
});
