// A target that hangs on some inputs: every hanging flow costs the flow timeout and a
// restart, shrinking included, yet `check --time 60` ends near its budget with the finding
// saved, shrunk as far as the time allowed. A target that hangs its worker for good (no
// timeout can end it) is cut at its share of the budget: the harness's, not a finding; the
// rest of the campaign goes on.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "hf-time-budget-"));

describe("check --time 60 against a program that hangs on some inputs", () => {
  it("ends within its budget (a generous cap here; the measurement is in the report) with the hang saved", () => {
    const binary = join(tmp, "ftp-port-adapter");
    execFileSync("gcc", ["-O2", "-o", binary, join(repo, "examples/c-adapter/ftp-port-adapter.c")]);
    const findings = join(tmp, "findings");
    const adapter = join(repo, "test", "programs", "stubborn-adapter.mjs");
    const started = Date.now();
    const r = spawnSync(
      process.execPath,
      [
        join(repo, "bin", "helperfuzz.mjs"),
        "check",
        "--target",
        `cmd:node ${adapter} hang ${binary}`,
        "ftp",
        "--time",
        "60",
        "--seed",
        "11",
        "--findings",
        findings,
      ],
      { cwd: repo, encoding: "utf8", timeout: 240_000, env: { ...process.env, NO_COLOR: "1" } },
    );
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`check --time 60 on a hanging target took ${seconds.toFixed(1)} s\n`);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    const folder = join(findings, "ftp");
    const saved = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".json")) : [];
    const hangs = saved.filter((f) =>
      JSON.parse(readFileSync(join(folder, f), "utf8")).found.message.includes("hung"),
    );
    expect(hangs.length).toBeGreaterThan(0);
    expect(r.stdout).toContain("target misbehaved: hung");
    expect(r.stdout).toMatch(/properties failed/);
  }, 300_000);
});

describe("check --time against a module whose IRC helper never returns", () => {
  it("cuts the hung property at its share, reports it as the harness's (exit 3), and goes on", () => {
    const report = join(tmp, "cut.json");
    const r = spawnSync(
      process.execPath,
      [
        join(repo, "bin", "helperfuzz.mjs"),
        "check",
        "--target",
        `module:${join(repo, "test", "programs", "hanging-helper.ts")}`,
        "ftp",
        "irc",
        "--property",
        "never-throws,deterministic",
        "--time",
        "6s",
        "--seed",
        "2",
        "--findings",
        join(tmp, "cut-findings"),
        "--report",
        `json=${report}`,
      ],
      { cwd: repo, encoding: "utf8", timeout: 240_000, env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(r.signal).toBeNull();
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/ftp\/never-throws\s+\d+\s+ok/);
    expect(r.stdout).toMatch(/ftp\/deterministic\s+\d+\s+ok/);
    expect(r.stdout).toMatch(
      /irc\/never-throws\s+\d+\s+cut\s+\d+\s+cut at its share of the time budget/,
    );
    expect(r.stdout).toContain("the harness's doing, not a finding");
    expect(r.stdout).not.toContain("FAIL");
    const results = JSON.parse(readFileSync(report, "utf8")).results;
    const status = Object.fromEntries(
      results.map((x: { helper: string; property: string; status: string }) => [
        `${x.helper}/${x.property}`,
        x.status,
      ]),
    );
    expect(status["ftp/never-throws"]).toBe("held");
    expect(status["irc/never-throws"]).toBe("cut");
    // The campaign went on past the cut: the next property was reported too.
    expect(status).toHaveProperty("irc/deterministic");
  }, 300_000);
});
