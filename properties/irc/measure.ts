// `npx tsx properties/irc/measure.ts [runs]`: how the IRC arbitraries exercise the helper
// (share of flows that create an expectation, that get a DCC rewritten, that evict) and how
// fast each property runs on the built-in target.

import fc from "fast-check";
import { builtinTarget } from "../core/in-process.ts";
import { sameBytes } from "../core/outcome-text.ts";
import { checkProperty } from "../core/runner.ts";
import { subjectFor } from "../core/subject.ts";
import { ircKit } from "./index.ts";
import { forgedDccFlows, unanchoredDccFlows } from "./security-flows.ts";

const runs = Number(process.argv[2] ?? 20000);
const percent = (n: number, of = runs) => `${((100 * n) / of).toFixed(1)}%`;

const sample = fc.sample(ircKit.flows, { numRuns: runs, seed: 7 });
let expecting = 0;
let rewritten = 0;
let evicting = 0;
let dropped = 0;
for (const flow of sample) {
  const trace = builtinTarget.trace!(flow);
  const { outcome } = trace;
  if (outcome.expectations.length > 0) expecting++;
  if (
    outcome.segments.some(
      (s, i) => s.verdict === "accept" && !sameBytes(s.data, flow.segments[i].data),
    )
  )
    rewritten++;
  if (outcome.segments.some((s) => s.verdict === "drop")) dropped++;
  if (outcome.expectations.length > (trace.liveAfter.at(-1)?.length ?? 0)) evicting++;
}
console.log(
  `${runs} irc flows: ${percent(expecting)} create an expectation, ${percent(rewritten)} have a DCC rewritten, ${percent(evicting)} evict or refresh, ${percent(dropped)} drop`,
);
for (const [name, arbitrary] of [
  ["forged", forgedDccFlows()],
  ["unanchored", unanchoredDccFlows()],
] as const) {
  const flows = fc.sample(arbitrary, { numRuns: 2000, seed: 7 });
  const withDcc = flows.filter((f) =>
    f.segments.some((s) => /\x01dcc /i.test(String.fromCharCode(...s.data))),
  ).length;
  console.log(`${name} flows: ${percent(withDcc, 2000)} carry a DCC`);
}

const subject = subjectFor("irc");
for (const property of ircKit.properties) {
  const result = checkProperty(property, subject, { numRuns: runs, seed: 11 });
  const rate = Math.round((result.runs / result.durationMs) * 1000);
  console.log(
    `${property.name.padEnd(36)} ${String(rate).padStart(6)} flows/s ${result.failure ? `FAIL ${result.failure.message.slice(0, 300)}` : "ok"}`,
  );
}
