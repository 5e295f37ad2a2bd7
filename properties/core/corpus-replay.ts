// Replays one helper's corpus folder against one target, one test per case. The registry
// wide replay is test/corpus.test.ts; this one lets a helper's cases run before its registry
// line exists and on its own target only.

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { caseToJson, compareOutcome, loadCorpus, parseCase } from "./corpus.ts";
import type { SyncTarget } from "./property.ts";

export function describeCorpusFolder(
  helper: string,
  target: SyncTarget,
  minimumCases: number,
): void {
  const dir = fileURLToPath(new URL(`../../corpus/${helper}`, import.meta.url));
  const entries = loadCorpus(dir);
  describe(`corpus/${helper} on ${target.name}`, () => {
    it(`holds at least ${minimumCases} cases`, () => {
      expect(entries.length).toBeGreaterThanOrEqual(minimumCases);
    });
    for (const { path, corpusCase } of entries) {
      it(`${path.slice(dir.length + 1)}: ${corpusCase.name}`, () => {
        expect(corpusCase.expected, "a hand-written case states its outcome").toBeDefined();
        const differences = compareOutcome(corpusCase.expected!, target.run(corpusCase.flow));
        expect(differences, corpusCase.description ?? "").toEqual([]);
        expect(parseCase(JSON.parse(caseToJson(corpusCase)), path)).toEqual(corpusCase);
      });
    }
  });
}
