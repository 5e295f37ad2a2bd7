// The main job in small: `helperfuzz run <helper>` checks every property on a fixed number
// of generated flows with zero failures. Sized by count with no time budget, so a busy
// machine makes it slower, never red. The full-size main job (100,000 flows per property)
// runs in .ci/run after the suite, also without a time budget.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { propertyRegistry } from "../properties/registry.ts";

const bin = join(import.meta.dirname, "..", "bin", "helperfuzz.mjs");
const RUNS = 3_000;

describe.each(Object.keys(propertyRegistry))("helperfuzz run %s (main job)", (helper) => {
  it(
    `holds every property on ${RUNS} flows each`,
    () => {
      const findings = mkdtempSync(join(tmpdir(), "helperfuzz-main-"));
      const args = [bin, "run", helper, "--runs", String(RUNS), "--seed", "20261125"];
      const result = spawnSync(process.execPath, [...args, "--findings", findings], {
        encoding: "utf8",
        // A safety net only: nothing here is a measure of speed.
        timeout: 15 * 60 * 1000,
        env: { ...process.env, NO_COLOR: "1" },
      });
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
    16 * 60 * 1000,
  );
});
