// The kernel family of known differences (corpus/kernel-known-differences.jsonc), as `conform`
// and the kernel tests use it. Two kinds:
//  - "document": kernel-helpers.md claims something the kernel proved wrong; the spec model
//    follows the kernel, so conform never meets these, but the entry's flow keeps the
//    measurement replayable (test/kernel-known-differences.test.ts runs it on the kernel).
//  - "spec": an intended difference between the spec model and the kernel. conform counts a
//    disagreement that matches one as known; every other disagreement fails the run.
// The parsing and matching are shared with the third-party families (harness/known-differences.ts).

import {
  KERNEL_KNOWN_DIFFERENCES_FILE,
  type KernelKnownDifference,
  loadKernelKnownDifferences,
  parseKernelKnownDifferences,
} from "../known-differences.ts";

export type { DifferenceMatch } from "../known-differences.ts";
export { knownDifferenceOf } from "../known-differences.ts";

export type KnownDifference = KernelKnownDifference;

export const KNOWN_DIFFERENCES_FILE = KERNEL_KNOWN_DIFFERENCES_FILE;

export function parseKnownDifferences(json: unknown): KnownDifference[] {
  return parseKernelKnownDifferences(json, KNOWN_DIFFERENCES_FILE);
}

export function loadKnownDifferences(path = KNOWN_DIFFERENCES_FILE): KnownDifference[] {
  return loadKernelKnownDifferences(path);
}
