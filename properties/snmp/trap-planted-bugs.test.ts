// snmp-trap's planted bugs. Its NAT rule and decoder are snmp's (helpers/snmp/translate.ts),
// so the same two bugs, planted in the trap helper, must be found by its properties.
// snmp_trap never expects, so the generic bugs that change a helper's expectations have none
// to change. A trap helper that opens a pinhole stands in for them.
//
// Two properties have no bug to find here:
// - max-live-expectations: the policy's max_expected 0 means "no limit" (as in the kernel),
//   so the property holds for any trap helper.
// - live-expectations-match compares live sets only where both create the same
//   expectations, and the reference creates none.
// The snmp suite (planted-bugs.test.ts) proves both on the helper that expects.

import { describe, expect, it } from "vitest";
import { PLANTED_BUG_SEED, propertyNamed } from "../core/planted-bug-suite.ts";
import { checkProperty } from "../core/runner.ts";
import { subjectFor } from "../core/subject.ts";
import { snmpTrapProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describe("planted SNMP trap bugs are found", () => {
  it.each([
    ["differential", () => bugs.trapForwardsUndecodable, "differs from spec"],
    [
      "nat-rewrites-only-inside-addresses",
      () => bugs.trapRewritesEveryAddress,
      "outside any IpAddress of the inside address",
    ],
    ["pinhole-only-to-endpoints", () => bugs.trapExpectsThirdParty, "192.0.2.99"],
  ] as const)("%s", (name, makeTarget, message) => {
    const result = checkProperty(
      propertyNamed(snmpTrapProperties, name),
      subjectFor("snmp-trap", makeTarget()),
      { numRuns: 5000, seed: PLANTED_BUG_SEED },
    );
    expect(result.failure?.message).toContain(message);
    expect(result.failure!.flow.segments.length).toBeLessThanOrEqual(4);
  });

  it.each(snmpTrapProperties.map((p) => [p.name, p] as const))(
    "the built-in helper holds %s",
    (_n, p) => {
      const result = checkProperty(p, subjectFor("snmp-trap"), {
        numRuns: 300,
        seed: PLANTED_BUG_SEED,
      });
      expect(result.failure?.message).toBeUndefined();
      expect(result.runs).toBe(300);
    },
  );
});
