// The stress run, short (sized by count, no clock): the correct C example through 20,000
// flows with answers near and just past the flow timeout, both cores kept busy and kills of
// the program, ends with 0 findings; the same run against the example's planted bug finds it.
// The long run (1,000,000 flows) is docs/authors.md "Stress".

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "helperfuzz-stress-test-"));

function stress(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", join(repo, "scripts", "stress-process-target.ts"), "--json", ...args],
    { cwd: repo, encoding: "utf8", timeout: 900_000 },
  );
  const last = result.stdout.trim().split("\n").at(-1) ?? "";
  return { code: result.status, report: JSON.parse(last), stderr: result.stderr };
}

describe("stress: a correct process target under induced stress", () => {
  it("20,000 flows: 0 findings, and every late answer and kill overcome", () => {
    const { code, report } = stress([
      "--flows",
      "20000",
      "--busy",
      "2",
      "--busy-nice",
      "19",
      "--late-fraction",
      "0.001",
      "--kill-every",
      "2000",
      "--findings",
      join(tmp, "correct"),
    ]);
    expect(report.messages).toEqual([]);
    expect(report.findings).toBe(0);
    expect(report.harnessErrors).toBe(0);
    expect(code).toBe(0);
    expect(report.flows).toBeGreaterThanOrEqual(20_000);
    // The stress really happened: answers past the timeout were asked of a fresh program,
    // and the program was killed and started again.
    expect(report.channel.lateAnswersForgiven).toBeGreaterThan(0);
    expect(report.forcedRestarts).toBeGreaterThan(0);
    expect(report.starts).toBeGreaterThan(report.forcedRestarts);
  }, 900_000);

  it("the same run finds the planted bug, saves it, and exits 1", () => {
    const findings = join(tmp, "bug");
    const { code, report } = stress([
      "--flows",
      "3000",
      "--busy",
      "0",
      "--bug",
      "--findings",
      findings,
    ]);
    expect(code).toBe(1);
    expect(report.findings).toBeGreaterThan(0);
    expect(report.messages[0]).toMatch(
      /^finding \((no-bounce-without-loose|pinhole-only-to-endpoints)\)/,
    );
    expect(readdirSync(findings).length).toBe(report.findings);
  }, 900_000);

  it("bad options exit 2 with a message", () => {
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", join(repo, "scripts", "stress-process-target.ts"), "--flows", "lots"],
      { cwd: repo, encoding: "utf8", timeout: 60_000 },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--flows needs a whole number from 1 to \d+, got "lots"/);
  });
});
