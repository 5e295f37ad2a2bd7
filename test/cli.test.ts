// The command line end to end: exit codes, messages, --help that is true.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bin = join(import.meta.dirname, "..", "bin", "helperfuzz.mjs");

function helperfuzz(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), "helperfuzz-cli-"));

describe("helperfuzz command line", () => {
  it("--help lists the commands and exits 0", () => {
    const r = helperfuzz("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("run");
    expect(r.stdout).toContain("replay");
  });

  it("an unknown flag exits 2 with a message", () => {
    const r = helperfuzz("run", "--no-such-flag");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--no-such-flag");
  });

  it("an unknown helper exits 2 naming it", () => {
    const r = helperfuzz("run", "gopher");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown helper "gopher"');
    expect(r.stderr).not.toContain("    at ");
  });

  it("a bad --runs value exits 2", () => {
    const r = helperfuzz("run", "ftp", "--runs", "lots");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--runs");
  });

  it("a broken case file exits 2 naming the file, without a stack trace", () => {
    const file = join(tmp, "broken.json");
    writeFileSync(file, "{ not json");
    const r = helperfuzz("replay", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("broken.json");
    expect(r.stderr).not.toContain("    at ");
  });

  it("replaying a case whose expected outcome is wrong exits 1 and shows the difference", () => {
    const file = join(tmp, "wrong.json");
    writeFileSync(
      file,
      JSON.stringify({
        name: "PORT claimed to create nothing",
        property: "corpus",
        flow: {
          helper: "ftp",
          l4: "tcp",
          client: { addr: "10.0.0.2", port: 40000 },
          server: { addr: "203.0.113.5", port: 21 },
          segments: [
            { dir: "orig", text: "USER a\r\n" },
            { dir: "orig", text: "PORT 10,0,0,2,4,1\r\n" },
          ],
        },
        expected: { expectations: [], segments: [{ verdict: "accept" }, { verdict: "accept" }] },
      }),
    );
    const r = helperfuzz("replay", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("differs from the expected outcome");
  });

  it("run ftp on a small budget holds every property, prints the table and exits 0", () => {
    const findings = join(tmp, "findings");
    const r = helperfuzz("run", "ftp", "--runs", "300", "--seed", "7", "--findings", findings);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("seed 7");
    expect(r.stdout).toMatch(/ftp\/differential\s+300\s+ok/);
    expect(() => readdirSync(findings)).toThrow();
  });
});
