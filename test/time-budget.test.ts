// A target that hangs on some inputs: every hanging flow costs the flow timeout and a
// restart, shrinking included, yet `check --time 60` ends near its budget with the finding
// saved, shrunk as far as the time allowed.

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
