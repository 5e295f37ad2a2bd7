// The command line end to end: exit codes, messages, --help that is true.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCaptureFrames } from "../harness/pcap/capture-file.ts";

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

  it("--property takes one name per flag: a helper after it stays a helper", () => {
    const r = helperfuzz(
      ...["run", "--property", "differential", "ftp", "--property", "never-throws"],
      ...["--runs", "20", "--seed", "-2147483648", "--findings", join(tmp, "f1")],
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("helperfuzz run: ftp on builtin, 2 properties, seed -2147483648");
    expect(r.stdout).toMatch(/ftp\/differential\s+20\s+ok/);
    expect(r.stdout).toMatch(/ftp\/never-throws\s+20\s+ok/);
    expect(r.stdout).not.toMatch(/irc|tftp|amanda/);
  });

  it("--property and --skip-property take a comma list", () => {
    const r = helperfuzz(
      ...["run", "tftp", "--skip-property", "differential,never-throws", "--runs", "5"],
      ...["--seed", "2147483647", "--findings", join(tmp, "f2")],
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("seed 2147483647");
    expect(r.stdout).toMatch(/tftp\/deterministic\s+5\s+ok/);
    expect(r.stdout).not.toMatch(/tftp\/(differential|never-throws)/);
  });

  it.each(["run", "check"])(
    "%s --help says how to give several properties and the seed range",
    (command) => {
      const r = helperfuzz(command, "--help");
      expect(r.code).toBe(0);
      const help = r.stdout.replace(/\s+/g, " ");
      expect(help).toContain(
        "--property <name> only this property (repeat the flag or give a comma list: --property a --property b, --property a,b)",
      );
      expect(help).toContain("--skip-property <name>");
      expect(help).toContain("a whole number from -2147483648 to 2147483647");
    },
  );

  it("pcap says what it wrote: each file and its packets", () => {
    const caseFile = join(import.meta.dirname, "..", "corpus", "ftp", "f02-port-tracked.json");
    const client = join(tmp, "client.pcap");
    const server = join(tmp, "server.pcap");
    const r = helperfuzz(
      "pcap",
      caseFile,
      "-o",
      client,
      "--server-side",
      server,
      "--target",
      "spec",
    );
    expect(r.code).toBe(0);
    const packets = (file: string) => readCaptureFrames(readFileSync(file)).length;
    expect(r.stdout).toContain(
      `wrote ${client}: ${packets(client)} packets, the flow as client and server sent it\n`,
    );
    expect(r.stdout).toContain(
      `wrote ${server}: ${packets(server)} packets, the server's side of spec\n`,
    );
    expect(packets(client)).toBeGreaterThan(10);
  });
});
