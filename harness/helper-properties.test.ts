import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { helper as exampleHelper } from "../examples/ts-module/ftp-port-helper.ts";
import type { Flow } from "../helpers/core/model.ts";
import { helperRegistry } from "../helpers/registry.ts";
import { propertyRegistry } from "../properties/registry.ts";
import { describeHelper } from "../vitest.ts";
import { type HelperProperty, helperProperties, reportHelperFailure } from "./helper-properties.ts";

const spec = helperRegistry.ftp.spec;
const correct = { run: (flow: Flow) => spec(flow) };
/** Planted bug: a pinhole from a host that is no endpoint of the flow. */
const foreignSource = {
  run: (flow: Flow) => {
    const outcome = spec(flow);
    const foreign = { l4: "tcp" as const, src: "203.0.113.99", sport: null, dport: 2000 };
    const expectation = { ...foreign, dst: flow.client.addr };
    return { ...outcome, expectations: [...outcome.expectations, expectation] };
  },
};

function pinholeProperty(helper: typeof correct): HelperProperty {
  const [property] = helperProperties("ftp", helper, { properties: ["pinhole-only-to-endpoints"] });
  return property;
}

/** The first failure fast-check finds for the property (null when it holds). */
function firstFailure(property: HelperProperty) {
  const details = fc.check(
    fc.property(property.arbitrary, (flow) => property.check(flow)),
    { numRuns: 300, seed: 1 },
  );
  if (!details.failed || !details.counterexample) return null;
  const error = details.errorInstance;
  return {
    flow: details.counterexample[0],
    message: error instanceof Error ? error.message : String(error),
    seed: details.seed,
    path: details.counterexamplePath ?? "",
    runs: details.numRuns,
    shrinks: details.numShrinks,
  };
}

describe("helperProperties", () => {
  it("gives every property of the helper, or the chosen ones", () => {
    const all = propertyRegistry.ftp.properties.map((p) => p.name);
    expect(helperProperties("ftp", exampleHelper).map((p) => p.name)).toEqual(all);
    const skipped = helperProperties("ftp", exampleHelper, { skipProperties: ["differential"] });
    expect(skipped.map((p) => p.name)).toEqual(all.filter((n) => n !== "differential"));
    expect(skipped[0].id).toBe(`ftp/${all[0]}`);
  });

  it("takes a HelperDefinition, run(flow), or a module's exports", () => {
    for (const helper of [exampleHelper, correct, { helper: exampleHelper }]) {
      const [property] = helperProperties("ftp", helper, { properties: ["never-throws"] });
      expect(property.name).toBe("never-throws");
    }
  });

  it("refuses an unknown helper, an unknown property, a helper of another protocol", () => {
    expect(() => helperProperties("gopher", exampleHelper)).toThrow(/no properties for "gopher"/);
    expect(() => helperProperties("ftp", exampleHelper, { properties: ["nope"] })).toThrow(
      /no property named "nope" in ftp \(known: never-throws/,
    );
    expect(() => helperProperties("irc", exampleHelper)).toThrow(/implements ftp, not "irc"/);
  });

  it("holds for a correct helper and fails for a planted bug", () => {
    expect(firstFailure(pinholeProperty(correct))).toBeNull();
    const failure = firstFailure(pinholeProperty(foreignSource));
    expect(failure?.message).toMatch(/src is not an endpoint of the flow/);
  });
});

describe("reportHelperFailure", () => {
  const property = pinholeProperty(foreignSource);
  const failure = firstFailure(property)!;

  it("saves the finding first and reports the flow, both outcomes and the replay", () => {
    const dir = mkdtempSync(join(tmpdir(), "helperfuzz-helper-properties-"));
    const report = reportHelperFailure(property, failure, dir, "REPLAY-CALL");
    expect(report).toContain("ftp/pinhole-only-to-endpoints failed on vitest after");
    expect(report).toContain(failure.message);
    expect(report).toContain("minimized flow:");
    expect(report).toContain("203.0.113.99");
    expect(report).toContain("replay exactly: REPLAY-CALL");
    const saved = /saved: (\S+\.json)/.exec(report)?.[1];
    expect(saved).toBeDefined();
    const finding = JSON.parse(readFileSync(saved!, "utf8"));
    expect(finding.found).toMatchObject({ seed: failure.seed, path: failure.path });
  });

  it("prints the case in full when it cannot be saved", () => {
    const notAFolder = join(mkdtempSync(join(tmpdir(), "helperfuzz-helper-properties-")), "file");
    writeFileSync(notAFolder, "");
    const report = reportHelperFailure(property, failure, notAFolder, "REPLAY-CALL");
    expect(report).toMatch(/NOT saved: .+\nthe finding in full/);
    expect(report).toContain(`"path": "${failure.path}"`);
    expect(report).not.toMatch(/^saved: /m);
  });

  it("saves nothing when findings is false", () => {
    expect(reportHelperFailure(property, failure, false, "R")).not.toMatch(/saved/);
  });
});

describe("describeHelper", () => {
  it("refuses a path without exactly one property", () => {
    expect(() => describeHelper("ftp", exampleHelper, { seed: 1, path: "0:1" })).toThrow(
      /a path replays one property/,
    );
  });
});
