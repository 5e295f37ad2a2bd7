// Measures corpus cases on the running kernel and writes the kernel's outcome into each
// case's `expected` (the kernel is the reference: corpus/sip was made this way).
//   node --import tsx scripts/measure-corpus.ts [--check] <case.json | dir>...
// --check only lists the cases whose `expected` differs from what the kernel does now.
// Bad input: a message and exit 2; the kernel target missing: exit 3.

import { statSync, writeFileSync } from "node:fs";
import {
  type CorpusCase,
  caseToJson,
  compareOutcome,
  loadCase,
  loadCorpus,
} from "../harness/corpus.ts";
import { createKernelTarget, kernelAvailability } from "../harness/kernel/target.ts";
import { FlowError } from "../helpers/core/model.ts";

function fail(message: string, code: number): never {
  process.stderr.write(`measure-corpus: ${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
const check = args.includes("--check");
const paths = args.filter((a) => a !== "--check");
if (paths.length === 0) fail("usage: measure-corpus.ts [--check] <case.json | dir>...", 2);

let cases: { path: string; corpusCase: CorpusCase }[];
try {
  cases = paths.flatMap((p) =>
    statSync(p, { throwIfNoEntry: false })?.isDirectory()
      ? loadCorpus(p)
      : [{ path: p, corpusCase: loadCase(p) }],
  );
} catch (error) {
  if (error instanceof FlowError) fail(error.message, 2);
  throw error;
}

const availability = await kernelAvailability();
if (!availability.ok) fail(`kernel target not available: ${availability.reason}`, 3);
const kernel = await createKernelTarget();
let changed = 0;
let skipped = 0;
try {
  const answers = await Promise.allSettled(cases.map((c) => kernel.run(c.corpusCase.flow)));
  answers.forEach((answer, i) => {
    const { path, corpusCase } = cases[i];
    if (answer.status === "rejected") {
      if (!(answer.reason instanceof FlowError)) throw answer.reason;
      skipped++;
      process.stdout.write(`skipped ${path}: ${answer.reason.message}\n`);
      return;
    }
    const differences = corpusCase.expected
      ? compareOutcome(corpusCase.expected, answer.value)
      : ["no expected outcome"];
    if (differences.length === 0) return;
    changed++;
    process.stdout.write(`${check ? "differs" : "measured"} ${path}: ${differences.join("; ")}\n`);
    if (!check) writeFileSync(path, caseToJson({ ...corpusCase, expected: answer.value }));
  });
} finally {
  await kernel.close();
}
process.stdout.write(
  `${cases.length} cases, ${changed} ${check ? "differ from the kernel" : "written"}, ${skipped} not runnable\n`,
);
process.exit(check && changed > 0 ? 1 : 0);
