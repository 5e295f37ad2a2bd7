// How fast each property of a kit runs on a subject, and how often the kit's flows reach
// what matters (a share per named predicate). Used by the per-helper measure scripts.

import fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import type { PropertyKit, Subject } from "./property.ts";
import { checkProperty } from "./runner.ts";

export function measureKit(
  kit: PropertyKit,
  subject: Subject,
  runs: number,
  shares: Record<string, (flow: Flow) => boolean>,
): void {
  const sample = fc.sample(kit.flows, { numRuns: runs, seed: 7 });
  const parts = Object.entries(shares).map(([what, holds]) => {
    const percent = ((100 * sample.filter(holds).length) / runs).toFixed(1);
    return `${percent}% ${what}`;
  });
  console.log(`${runs} ${kit.helper} flows: ${parts.join(", ")}`);
  for (const property of kit.properties) {
    const result = checkProperty(property, subject, { numRuns: runs, seed: 11 });
    const rate = Math.round((result.runs / result.durationMs) * 1000);
    const status = result.skipped ? `skipped: ${result.skipped}` : result.failure ? "FAIL" : "ok";
    console.log(`${property.name.padEnd(36)} ${String(rate).padStart(7)} flows/s ${status}`);
    if (result.failure) console.log(`  ${result.failure.message.split("\n")[0]}`);
  }
}
