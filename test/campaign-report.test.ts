// What a campaign's report says about properties that did not simply hold or fail: runs cut
// short by the time budget, the harness's own trouble, a finding that cannot be written, a
// finding already saved by an earlier run.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "hf-campaign-report-"));

function helperfuzz(args: string[]) {
  const r = spawnSync(process.execPath, [join(repo, "bin", "helperfuzz.mjs"), ...args], {
    cwd: repo,
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonFiles(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".json")) : [];
}

const usage = pathToFileURL(join(repo, "harness", "usage.ts")).href;

describe("the campaign report", () => {
  it("shows runs done of runs asked when the time budget ends them early, and says so", () => {
    const r = helperfuzz([
      "run",
      "ftp",
      "--property",
      "never-throws,differential",
      "--runs",
      "100000000",
      "--time",
      "2",
      "--seed",
      "1",
      "--findings",
      join(tmp, "short"),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /ftp\/never-throws\s+\d+\/100000000\s+ok\s+\d+\s+ended by the time budget/,
    );
    expect(r.stdout).toMatch(/ftp\/differential\s+\d+\/100000000\s+ok/);
    expect(r.stdout).toContain(
      "the time budget ended 2 of 2 properties before the 100000000 runs asked",
    );
    expect(r.stdout).toMatch(/^2 held on \d+ flows \(seed 1\)$/m);
    expect(r.stdout).not.toContain("all 2 properties held");
  });

  it("reports the harness's own trouble as such: no FAIL, no finding, exit 3", () => {
    const target = join(tmp, "broken-channel.mjs");
    writeFileSync(
      target,
      `import { HarnessError } from ${JSON.stringify(usage)};
export const helpers = ["ftp"];
let flows = 0;
export function run(flow) {
  if (++flows > 5) throw new HarnessError("the channel to the program broke down");
  return { expectations: [], segments: flow.segments.map((s) => ({ verdict: "accept", data: s.data, seq: s.seq ?? 0 })) };
}
`,
    );
    const findings = join(tmp, "harness");
    const r = helperfuzz([
      "check",
      "--target",
      `module:${target}`,
      "ftp",
      "--property",
      "never-throws",
      "--runs",
      "100",
      "--seed",
      "1",
      "--findings",
      findings,
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/ftp\/never-throws\s+6\/100\s+harness error\s+\d*\s*the channel/);
    expect(r.stdout).toContain(
      "harness error in ftp/never-throws: the channel to the program broke down",
    );
    expect(r.stdout).not.toContain("FAIL");
    expect(jsonFiles(join(findings, "ftp"))).toEqual([]);
  });

  it("prints a finding that cannot be written in full, with why, and goes on (exit 1)", () => {
    const findings = join(tmp, "gone");
    const target = join(tmp, "saboteur.mjs");
    // The helper's findings folder is replaced by a file once the campaign runs: what a folder
    // removed (or a disk gone read-only) mid-run looks like to the writer.
    writeFileSync(
      target,
      `import { rmSync, writeFileSync } from "node:fs";
export const helpers = ["ftp"];
let done = false;
export function run(flow) {
  if (!done) { done = true; rmSync(${JSON.stringify(findings)}, { recursive: true, force: true }); writeFileSync(${JSON.stringify(findings)}, "in the way"); }
  return { expectations: [{ l4: "tcp", src: null, sport: null, dst: "192.0.2.99", dport: 9 }], segments: flow.segments.map((s) => ({ verdict: "accept", data: s.data, seq: s.seq ?? 0 })) };
}
`,
    );
    const r = helperfuzz([
      "check",
      "--target",
      `module:${target}`,
      "ftp",
      "--property",
      "pinhole-only-to-endpoints,well-formed-outcome",
      "--runs",
      "50",
      "--seed",
      "1",
      "--findings",
      findings,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("    at ");
    expect(r.stdout).toMatch(/NOT saved: (ENOTDIR|EEXIST)/);
    const start = r.stdout.indexOf("the finding in full");
    expect(start).toBeGreaterThan(0);
    const json = r.stdout.slice(
      r.stdout.indexOf("{", start),
      r.stdout.indexOf("\n  }\n", start) + 4,
    );
    const printed = JSON.parse(json.replace(/^ {2}/gm, ""));
    expect(["pinhole-only-to-endpoints", "well-formed-outcome"]).toContain(printed.found.property);
    expect(printed.flow.helper).toBe("ftp");
    // The campaign went on to the next property, whose finding is not on disk either.
    expect(r.stdout.match(/NOT saved: /g)).toHaveLength(2);
    expect(r.stdout).toMatch(/ftp\/pinhole-only-to-endpoints\s+\d+\s+FAIL/);
  });

  it("a rerun that finds the same failure says where it is already saved, and writes nothing new", () => {
    const findings = join(tmp, "again");
    const args = [
      "check",
      "--target",
      `module:${join(repo, "examples", "ts-module", "ftp-port-helper.ts")}`,
      "ftp",
      "--property",
      "no-bounce-without-loose",
      "--runs",
      "1000",
      "--seed",
      "5",
      "--findings",
      findings,
    ];
    process.env.HELPERFUZZ_EXAMPLE_BUG = "1";
    try {
      const first = helperfuzz(args);
      expect(first.code).toBe(1);
      const saved = jsonFiles(join(findings, "ftp"));
      expect(saved).toHaveLength(1);
      expect(saved[0]).not.toContain(":");
      const second = helperfuzz(args);
      expect(second.code).toBe(1);
      expect(second.stdout).toContain(`already saved as ${join(findings, "ftp", saved[0])}`);
      expect(jsonFiles(join(findings, "ftp"))).toEqual(saved);
      // The replay hint is a command that works in a clone.
      expect(first.stdout).toContain(
        `replay: npx helperfuzz replay ${join(findings, "ftp", saved[0])}`,
      );
      expect(first.stdout).toMatch(
        /again: {2}npx helperfuzz check --target .* --property no-bounce-without-loose --seed 5/,
      );
    } finally {
      delete process.env.HELPERFUZZ_EXAMPLE_BUG;
    }
  });
});
