// A counterexample is written to disk before anything reports it: nothing found is lost.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Outcome } from "../helpers/core/model.ts";
import { caseToJson } from "./corpus.ts";
import { flowToPcap } from "./pcap/flow-to-pcap.ts";
import type { PropertyResult } from "./runner.ts";

export interface SavedFinding {
  path: string;
  pcap: string;
}

/** Writes the minimized failure of `result` as a corpus case with its capture beside it
 * (and, for a NAT flow whose outcome is known, the server side); returns where. */
export function saveFinding(
  dir: string,
  helper: string,
  result: PropertyResult,
  outcome?: Outcome,
): SavedFinding {
  const failure = result.failure;
  if (!failure) throw new Error("saveFinding called on a passing result");
  const folder = join(dir, helper);
  mkdirSync(folder, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  // A target name may be a command line or a path: keep only what is safe in a file name.
  const targetPart = result.target.replace(/[^\w.:-]+/g, "_");
  const path = join(folder, `${stamp}-${result.property}-${targetPart}.json`);
  const json = caseToJson({
    name: `${helper} ${result.property} on ${result.target}`,
    description: failure.message,
    property: result.property,
    flow: failure.flow,
    found: {
      seed: failure.seed,
      path: failure.path,
      target: result.target,
      property: result.property,
      message: failure.message,
    },
  });
  // The JSON first: it alone replays the failure, whatever happens to the captures.
  writeFileSync(path, json);
  const pcap = path.replace(/\.json$/, ".pcap");
  writeFileSync(pcap, flowToPcap(failure.flow));
  if (failure.flow.nat && outcome) {
    writeFileSync(
      path.replace(/\.json$/, ".server.pcap"),
      flowToPcap(failure.flow, outcome, { side: "server" }),
    );
  }
  return { path, pcap };
}
