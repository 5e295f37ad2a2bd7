// The test suites Stryker runs against each mutant of helpers/ (stryker.config.mjs): the
// in-process ones that exercise the helpers — their unit tests, the property kits with their
// planted-bug suites (which also check every property on the unmutated helper), and the corpus
// replay. The CLI, kernel, pcap and benchmark suites are left out: they start processes, need
// root or take minutes, and reach the helpers only through the same in-process code.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

// Spread rather than mergeConfig, which would append to the base's include list.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["helpers/**/*.test.ts", "properties/**/*.test.ts", "test/corpus.test.ts"],
  },
});
