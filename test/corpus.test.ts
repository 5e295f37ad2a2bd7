// Replays every corpus case on the in-process targets. A hand-written case asserts its
// expected outcome; a saved counterexample without one asserts that the target agrees with
// the spec model (the differential property it was found by).

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  type CorpusCase,
  caseToJson,
  compareOutcome,
  type ExpectedOutcome,
  loadCorpus,
  parseCase,
} from "../harness/corpus.ts";
import { builtinTarget, specTarget } from "../harness/targets/in-process.ts";
import type { Outcome } from "../helpers/core/model.ts";

const CORPUS_DIR = fileURLToPath(new URL("../corpus", import.meta.url));
const entries = loadCorpus(CORPUS_DIR);
const targets = [builtinTarget, specTarget];

function asExpected(outcome: Outcome): ExpectedOutcome {
  return { expectations: outcome.expectations, segments: outcome.segments };
}

function expectedFor(c: CorpusCase): ExpectedOutcome {
  return c.expected ?? asExpected(specTarget.run(c.flow));
}

function relativeName(path: string): string {
  return path.slice(CORPUS_DIR.length + 1);
}

describe("corpus", () => {
  it("holds the FTP conformance vectors", () => {
    const ftp = entries.filter((e) => e.corpusCase.flow.helper === "ftp");
    expect(ftp.length).toBeGreaterThanOrEqual(20);
  });

  for (const target of targets) {
    describe(target.name, () => {
      for (const { path, corpusCase } of entries) {
        it(`${relativeName(path)}: ${corpusCase.name}`, () => {
          const differences = compareOutcome(expectedFor(corpusCase), target.run(corpusCase.flow));
          expect(differences, corpusCase.description ?? "").toEqual([]);
        });
      }
    });
  }

  describe("saving", () => {
    for (const { path, corpusCase } of entries) {
      it(`${relativeName(path)} round-trips through caseToJson/parseCase`, () => {
        const saved = caseToJson(corpusCase);
        expect(parseCase(JSON.parse(saved), path)).toEqual(corpusCase);
        // Saving what was loaded must not change what is on disk beyond layout.
        expect(JSON.parse(saved)).toEqual(JSON.parse(readFileSync(path, "utf8")));
      });
    }
  });
});
