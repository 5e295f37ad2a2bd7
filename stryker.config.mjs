// Mutation testing of helpers/ (docs/mutation.md). `npm run mutation` mutates every fast
// helper and helpers/core; one helper: `npm run mutation -- --mutate 'helpers/ftp/*.ts,!helpers/ftp/*.test.ts'`
// or `MUTATE=ftp npm run mutation` (a comma list of folder names under helpers/).
// The spec models (helpers/<name>/spec/, helpers/spec-core/) are not mutated: they are the
// reference the properties compare the fast helpers with, so a mutant there is "killed" only
// by the differential property disagreeing with an unmutated fast helper: that measures the
// fast helper's tests twice and the spec's own tests not at all (see docs/mutation.md).

const folders = (process.env.MUTATE ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter((s) => s !== "");

const mutate =
  folders.length > 0
    ? folders.flatMap((f) => [`helpers/${f}/*.ts`, `!helpers/${f}/*.test.ts`])
    : [
        "helpers/*/*.ts",
        "!helpers/*/*.test.ts",
        "!helpers/spec-core/**",
        "!helpers/*/message-fixture.ts",
        "!helpers/core/model.ts",
        "!helpers/core/helper.ts",
      ];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  coverageAnalysis: "perTest",
  mutate,
  // The machine is shared: one test runner at a time (raise with --concurrency N).
  concurrency: 1,
  // A mutant that loops forever is cut at 1.5 × its tests' dry-run time + 10 s; a timeout
  // counts as killed.
  timeoutMS: 10_000,
  tempDirName: ".stryker-tmp",
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  htmlReporter: { fileName: "mutation-report/mutation.html" },
  jsonReporter: { fileName: "mutation-report/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  ignorePatterns: ["findings", ".hf-tmp", ".cache", "dist", "mutation-report", "cthelper/build"],
};
