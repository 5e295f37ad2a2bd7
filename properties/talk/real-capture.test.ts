// The real talk exchange (corpus/talk/real/netkit-ntalk-0.17.pcapng, recorded from
// Debian's netkit talk/talkd in private namespaces) through `helperfuzz replay`: both
// models agree on it, and the pinholes they open are the connections that really followed
// in the capture.

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bin = join(import.meta.dirname, "..", "..", "bin", "helperfuzz.mjs");
const capture = join(
  import.meta.dirname,
  "..",
  "..",
  "corpus",
  "talk",
  "real",
  "netkit-ntalk-0.17.pcapng",
);

interface ReplayResult {
  name: string;
  matched: boolean;
  outcome: { expectations: unknown[] };
}

function replay(config: string): ReplayResult[] {
  const result = spawnSync(
    process.execPath,
    [bin, "replay", capture, "--helper", "talk", "--config", config, "--json"],
    { encoding: "utf8", timeout: 120_000 },
  );
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout).results;
}

describe("the real netkit talk capture", () => {
  it("opens the callee's way to the caller's daemon on the caller's ANNOUNCE", () => {
    const [caller, callee] = replay('{"mode":"announce"}');
    expect(caller.matched && callee.matched).toBe(true);
    // Frame 5 of the capture: 192.0.2.2:35429 -> 192.0.2.1:518.
    expect(caller.outcome.expectations).toEqual([
      { l4: "udp", src: "192.0.2.2", sport: null, dst: "192.0.2.1", dport: 518 },
    ]);
    expect(callee.outcome.expectations).toEqual([]);
  });

  it("opens the conversation on the callee's LOOK_UP when run as the lookup helper", () => {
    const [caller, callee] = replay('{"mode":"lookup"}');
    expect(caller.matched && callee.matched).toBe(true);
    // Frame 7 of the capture: 192.0.2.2:42012 -> 192.0.2.1:58773.
    expect(callee.outcome.expectations).toEqual([
      { l4: "tcp", src: "192.0.2.2", sport: null, dst: "192.0.2.1", dport: 58773 },
    ]);
    expect(caller.outcome.expectations).toEqual([]);
  });
});
