// The main job as CI runs it: `helperfuzz run <helper>` must check at least 100,000
// generated flows per property, with zero failures, inside a fixed time budget. The budget
// is given to the run itself (--time), so a slow machine shows up as a failed assertion on
// the flow count, never as a pass on fewer flows.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { propertyRegistry } from "../properties/registry.ts";

const bin = join(import.meta.dirname, "..", "bin", "helperfuzz.mjs");
const RUNS = 100_000;
const BUDGET_SECONDS = 420;

describe.each(Object.keys(propertyRegistry))("helperfuzz run %s (main job)", (helper) => {
  it(
    `holds every property on ${RUNS} flows each within ${BUDGET_SECONDS} s`,
    () => {
      const findings = mkdtempSync(join(tmpdir(), "helperfuzz-main-"));
      const args = [bin, "run", helper, "--runs", String(RUNS), "--time", String(BUDGET_SECONDS)];
      const result = spawnSync(
        process.execPath,
        [...args, "--seed", "20261125", "--findings", findings],
        {
          encoding: "utf8",
          timeout: (BUDGET_SECONDS + 120) * 1000,
          env: { ...process.env, NO_COLOR: "1" },
        },
      );
      expect(result.stdout).toContain("properties held");
      expect(result.status).toBe(0);
      const rows = result.stdout.split("\n").filter((line) => line.startsWith(`${helper}/`));
      expect(rows).toHaveLength(propertyRegistry[helper].properties.length);
      for (const row of rows) {
        const [name, runs, verdict] = row.trim().split(/\s+/);
        expect({ name, runs: Number(runs), verdict }).toEqual({ name, runs: RUNS, verdict: "ok" });
      }
      expect(readdirSync(findings)).toEqual([]);
    },
    (BUDGET_SECONDS + 180) * 1000,
  );
});
