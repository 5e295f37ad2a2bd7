// The saved form of corpus/cthelper-known-differences.jsonc: each entry's `showing` case as
// cthelper/known-differences/ID.json and its capture ID.pcap (the pcap writer of
// `helperfuzz pcap`), so each class replays on its own:
//   npx helperfuzz replay --target cthelper:ftp cthelper/known-differences/ID.json
//
//   node --import tsx scripts/cthelper-known-differences.ts export   # file -> ID.json + ID.pcap
//   node --import tsx scripts/measure-corpus.ts cthelper/known-differences/   # the kernel (root)
//   node --import tsx scripts/cthelper-known-differences.ts import   # measured expected -> file
//   node --import tsx scripts/cthelper-known-differences.ts check    # exit 1 when out of step
//
// The file is the source; `import` takes only the measured `expected` back from the ID.json
// files, then writes the file and the saved forms again. Bad input: a message and exit 2.

import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { caseToJson, caseToJsonValue, loadCase } from "../harness/corpus.ts";
import {
  CTHELPER_KNOWN_DIFFERENCES_FILE,
  loadThirdPartyKnownDifferences,
} from "../harness/known-differences.ts";
import { flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import { FlowError } from "../helpers/core/model.ts";

export const SAVED_DIR = fileURLToPath(new URL("../cthelper/known-differences/", import.meta.url));

function fail(message: string, code: number): never {
  process.stderr.write(`cthelper-known-differences: ${message}\n`);
  process.exit(code);
}

const mode = process.argv[2];
if (!["export", "import", "check"].includes(mode ?? "")) fail("usage: export | import | check", 2);
const file = process.argv[3] ?? CTHELPER_KNOWN_DIFFERENCES_FILE;

let doc: { differences: Record<string, unknown>[] } & Record<string, unknown>;
let known: ReturnType<typeof loadThirdPartyKnownDifferences>;
try {
  doc = JSON.parse(readFileSync(file, "utf8"));
  known = loadThirdPartyKnownDifferences(file);
} catch (error) {
  if (error instanceof FlowError || error instanceof SyntaxError) fail(error.message, 2);
  throw error;
}

const jsonPath = (id: string) => join(SAVED_DIR, `${id}.json`);
const pcapPath = (id: string) => join(SAVED_DIR, `${id}.pcap`);

if (mode === "import") {
  for (const [i, entry] of known.differences.entries()) {
    if (!existsSync(jsonPath(entry.id))) fail(`${jsonPath(entry.id)} is missing: export first`, 2);
    const saved = loadCase(jsonPath(entry.id));
    entry.showing.expected = saved.expected;
    doc.differences[i].showing = caseToJsonValue(entry.showing);
  }
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
}

let stale = 0;
if (mode !== "check") mkdirSync(SAVED_DIR, { recursive: true });
const ids = new Set(known.differences.map((d) => d.id));
for (const entry of known.differences) {
  const json = caseToJson(entry.showing);
  const pcap = flowToPcap(entry.showing.flow);
  if (mode === "check") {
    const sameJson =
      existsSync(jsonPath(entry.id)) && readFileSync(jsonPath(entry.id), "utf8") === json;
    const samePcap =
      existsSync(pcapPath(entry.id)) && Buffer.from(pcap).equals(readFileSync(pcapPath(entry.id)));
    if (!sameJson || !samePcap) {
      stale++;
      process.stdout.write(`out of step: ${entry.id}\n`);
    }
    continue;
  }
  writeFileSync(jsonPath(entry.id), json);
  writeFileSync(pcapPath(entry.id), pcap);
}
// Saved forms of classes no longer in the file.
for (const name of existsSync(SAVED_DIR) ? readdirSync(SAVED_DIR) : []) {
  const id = name.replace(/\.(json|pcap)$/, "");
  if (ids.has(id)) continue;
  if (mode === "check") {
    stale++;
    process.stdout.write(`not in the file: ${name}\n`);
  } else {
    unlinkSync(join(SAVED_DIR, name));
  }
}
process.stdout.write(
  `${known.differences.length} classes${mode === "check" ? `, ${stale} out of step` : ` written to ${SAVED_DIR}`}\n`,
);
process.exit(stale > 0 ? 1 : 0);
