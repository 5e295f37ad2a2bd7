// `helperfuzz/vitest`: every property of a helper as vitest tests, in the author's own suite
// (docs/authors.md). One test per property, run by @fast-check/vitest: its seed is in the test
// name, and a failure shows the minimized flow, both outcomes, the saved finding and the
// options that replay it exactly.
//
//   import { describeHelper } from "helperfuzz/vitest";
//   import { helper } from "./my-helper.ts";
//   describeHelper("ftp", helper, { skipProperties: ["differential"] });

import { fc, test } from "@fast-check/vitest";
import { describe } from "vitest";
import {
  type AuthorHelper,
  type HelperProperty,
  type HelperPropertyOptions,
  helperProperties,
  reportHelperFailure,
} from "./harness/helper-properties.ts";
import type { Flow } from "./helpers/core/model.ts";

export type {
  AuthorHelper,
  HelperProperty,
  HelperPropertyOptions,
} from "./harness/helper-properties.ts";
export { helperProperties } from "./harness/helper-properties.ts";

export interface DescribeHelperOptions extends HelperPropertyOptions {
  /** Generated flows per property (default: fast-check's global numRuns, else 1000). */
  numRuns?: number;
  /** One seed for every property (default: fast-check's global seed, else random; the seed
   * of each run is in its test name). */
  seed?: number;
  /** fast-check path of a failure: with `seed` and one property, replays just that flow. */
  path?: string;
  /** Where failures are saved as corpus cases with a pcap (default "findings"); false: not. */
  findings?: string | false;
  /** Per-test timeout in ms (default 120000): a safety net, not a measure. */
  timeout?: number;
}

const DEFAULT_RUNS = 1000;

/** A vitest `describe` with one test per property of `helperName`, checked against `helper`
 * (a HelperDefinition, run(flow), or a module's exports) with the spec model as reference. */
export function describeHelper(
  helperName: string,
  helper: AuthorHelper,
  options: DescribeHelperOptions = {},
): void {
  const properties = helperProperties(helperName, helper, options);
  if (options.path !== undefined && properties.length !== 1) {
    throw new Error(
      `a path replays one property: give properties: ["<name>"] with it (and its seed)`,
    );
  }
  const name = properties[0]?.subject.target.name ?? options.name ?? "vitest";
  describe(`helperfuzz ${helperName} properties on ${name}`, () => {
    for (const property of properties) {
      if (property.skipped !== undefined) {
        test.skip(`${property.name}: ${property.skipped}`, () => {});
        continue;
      }
      test.prop([property.arbitrary], parameters(helperName, property, options))(
        property.name,
        (flow) => property.check(flow),
        options.timeout ?? 120_000,
      );
    }
  });
}

function parameters(
  helperName: string,
  property: HelperProperty,
  options: DescribeHelperOptions,
): fc.Parameters<[Flow]> {
  return {
    numRuns: options.numRuns ?? fc.readConfigureGlobal().numRuns ?? DEFAULT_RUNS,
    seed: options.seed,
    path: options.path,
    endOnFailure: options.path === undefined ? undefined : true,
    reporter: (details) => {
      if (!details.failed) return;
      if (details.counterexample === null) throw new Error(fcSummary(details));
      const seed = details.seed;
      const path = details.counterexamplePath ?? "";
      const error = details.errorInstance;
      const replay = `describeHelper(${JSON.stringify(helperName)}, helper, { properties: [${JSON.stringify(property.name)}], seed: ${seed}, path: ${JSON.stringify(path)} })`;
      const report = reportHelperFailure(
        property,
        {
          flow: details.counterexample[0],
          message: error instanceof Error ? error.message : String(error),
          seed,
          path,
          runs: details.numRuns,
          shrinks: details.numShrinks,
        },
        options.findings ?? "findings",
        replay,
      );
      throw new Error(report, { cause: error });
    },
  };
}

/** A run that failed without a counterexample (interrupted, or every flow skipped). */
function fcSummary(details: fc.RunDetails<[Flow]>): string {
  return `fast-check stopped after ${details.numRuns} runs without a counterexample (seed ${details.seed})`;
}
