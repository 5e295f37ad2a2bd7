// `npx tsx properties/ftp/measure.ts [runs]`: how the FTP arbitraries exercise the helper
// (share of flows with a PORT/EPRT/227/229 segment at a parsed position, share that create
// an expectation) and how fast each property runs on the built-in target.

import fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { builtinTarget } from "../core/in-process.ts";
import { inputSeqs } from "../core/input-seqs.ts";
import { checkProperty } from "../core/runner.ts";
import { seqAdd, seqAfter } from "../core/sequence-space.ts";
import { subjectFor } from "../core/subject.ts";
import { ftpKit } from "./index.ts";

const DATA_KEYWORDS = { orig: ["PORT", "EPRT"], reply: ["227 ", "229 "] };

/** Whether some PORT/EPRT/227/229 segment starts at a position the kernel parses (its
 * after-newline memory, 2 per direction; drops are ignored, so this slightly overcounts). */
export function reachesParsedPosition(flow: Flow): boolean {
  const remembered = { orig: [] as number[], reply: [] as number[] };
  const seqs = inputSeqs(flow);
  return flow.segments.some((segment, i) => {
    const { dir, data } = segment;
    if (data.length === 0) return false;
    const tracked = remembered[dir].includes(seqs[i]);
    const head = String.fromCharCode(...data.subarray(0, 4)).toUpperCase();
    const hit = tracked && DATA_KEYWORDS[dir].includes(head);
    if (data[data.length - 1] === 0x0a) {
      const next = seqAdd(seqs[i], data.length);
      const list = remembered[dir];
      if (!list.includes(next)) {
        if (list.length < 2) list.push(next);
        else {
          const older = seqAfter(list[0], list[1]) ? 1 : 0;
          if (seqAfter(next, list[older])) list[older] = next;
        }
      }
    }
    return hit;
  });
}

const runs = Number(process.argv[2] ?? 20000);
const sample = fc.sample(ftpKit.flows, { numRuns: runs, seed: 7 });
const parsed = sample.filter(reachesParsedPosition).length;
const expecting = sample.filter((flow) => builtinTarget.run(flow).expectations.length > 0).length;
const percent = (n: number) => `${((100 * n) / runs).toFixed(1)}%`;
console.log(
  `${runs} ftp flows: ${percent(parsed)} reach a parsed position, ${percent(expecting)} create an expectation`,
);

const subject = subjectFor("ftp");
for (const property of ftpKit.properties) {
  const result = checkProperty(property, subject, { numRuns: runs, seed: 11 });
  const rate = Math.round((result.runs / result.durationMs) * 1000);
  console.log(
    `${property.name.padEnd(36)} ${String(rate).padStart(6)} flows/s ${result.failure ? "FAIL" : "ok"}`,
  );
}
