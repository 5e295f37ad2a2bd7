// `helperfuzz check` end to end: the examples pass when correct and fail with a saved,
// shrunk counterexample when their planted bug is on; bad --target values exit 2; a target
// that crashes is a finding and the check still ends cleanly.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "helperfuzz-check-"));
const tsExample = join(repo, "examples", "ts-module", "ftp-port-helper.ts");
const cExample = join(repo, "examples", "c-adapter", "ftp-port-adapter.c");

// Until the lead wires `check` into harness/commands/index.ts, run the same command through
// a program that registers only it, with the CLI's own error handling (exit 2 on bad input).
const wired = readFileSync(join(repo, "harness", "commands", "index.ts"), "utf8").includes(
  "registerCheckCommand",
);
const standalone = `
const { Command, CommanderError } = await import("commander");
const { registerCheckCommand } = await import(${JSON.stringify(pathToFileURL(join(repo, "harness/commands/check.ts")).href)});
const { UsageError } = await import(${JSON.stringify(pathToFileURL(join(repo, "harness/usage.ts")).href)});
const { FlowError } = await import(${JSON.stringify(pathToFileURL(join(repo, "helpers/core/model.ts")).href)});
let code = 0;
const program = new Command().name("helperfuzz").exitOverride();
registerCheckCommand(program, (c) => { code = Math.max(code, c); });
try { await program.parseAsync(process.argv.slice(1), { from: "user" }); }
catch (e) {
  if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
  else if (e instanceof UsageError || e instanceof FlowError) { process.stderr.write("error: " + e.message + "\\n"); code = 2; }
  else throw e;
}
process.exitCode = code;
`;

function helperfuzz(args: string[], env: Record<string, string> = {}) {
  const argv = wired
    ? [join(repo, "bin", "helperfuzz.mjs"), ...args]
    : ["--import", "tsx", "--input-type=module", "-e", standalone, ...args];
  const result = spawnSync(process.execPath, argv, {
    cwd: repo,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function findingsIn(dir: string): { json: string[]; pcap: string[] } {
  const folder = join(dir, "ftp");
  const files = existsSync(folder) ? readdirSync(folder) : [];
  return {
    json: files.filter((f) => f.endsWith(".json")).map((f) => join(folder, f)),
    pcap: files.filter((f) => f.endsWith(".pcap")),
  };
}

const PORT_ONLY = ["--skip-property", "differential", "--runs", "1000", "--seed", "5"];

describe("check: the TypeScript module example", () => {
  it("passes as written", () => {
    const findings = join(tmp, "ts-ok");
    const r = helperfuzz([
      "check",
      "--target",
      `module:${tsExample}`,
      "ftp",
      ...PORT_ONLY,
      "--findings",
      findings,
    ]);
    expect(r.stdout).toContain("all 12 properties held");
    expect(r.code).toBe(0);
    expect(findingsIn(findings).json).toEqual([]);
  });

  it("fails with a shrunk counterexample on disk when the planted bug is on", () => {
    const findings = join(tmp, "ts-bug");
    const r = helperfuzz(
      ["check", "--target", `module:${tsExample}`, "ftp", ...PORT_ONLY, "--findings", findings],
      { HELPERFUZZ_EXAMPLE_BUG: "1" },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAIL ftp/no-bounce-without-loose");
    const saved = findingsIn(findings);
    expect(saved.json.length).toBeGreaterThan(0);
    expect(saved.pcap.length).toBe(saved.json.length);
    const finding = JSON.parse(readFileSync(saved.json[0], "utf8"));
    expect(finding.flow.segments.length).toBeLessThanOrEqual(3);
    expect(finding.found.seed).toBe(5);
  });
});

describe("check: the C process example", () => {
  const binary = join(tmp, "ftp-port-adapter");
  execFileSync("gcc", ["-O2", "-Wall", "-Werror", "-o", binary, cExample]);

  it("passes as written", () => {
    const findings = join(tmp, "c-ok");
    const r = helperfuzz([
      "check",
      "--target",
      `cmd:${binary}`,
      "ftp",
      ...PORT_ONLY,
      "--findings",
      findings,
    ]);
    expect(r.stdout).toContain("all 12 properties held");
    // It speaks protocol 2, so the live-set properties run on it.
    expect(r.stdout).not.toContain("skipped");
    expect(r.code).toBe(0);
  });

  it("as a protocol 1 program it passes as before, the live-set properties skipped", () => {
    const r = helperfuzz([
      "check",
      "--target",
      `cmd:${binary} --v1`,
      "ftp",
      ...PORT_ONLY,
      "--findings",
      join(tmp, "c-v1"),
    ]);
    expect(r.stdout).toContain("skipped ftp/max-live-expectations");
    expect(r.stdout).toContain("skipped ftp/live-expectations-match");
    expect(r.code).toBe(0);
  });

  it("never evicting is found through the process protocol", () => {
    const findings = join(tmp, "c-never-evicts");
    const r = helperfuzz([
      "check",
      "--target",
      `cmd:${binary} --never-evicts`,
      "ftp",
      "--property",
      "max-live-expectations,live-expectations-match",
      "--time",
      "60",
      "--seed",
      "1",
      "--findings",
      findings,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /FAIL ftp\/max-live-expectations .*\n.*2 expectations are live, policy allows 1/,
    );
    expect(r.stdout).toMatch(
      /FAIL ftp\/live-expectations-match .*\n.*--never-evicts holds \[.*; .*\] live, spec holds \[[^;]*\]/,
    );
    const saved = findingsIn(findings).json.map((f) => JSON.parse(readFileSync(f, "utf8")));
    expect(saved.map((f) => f.found.property).sort()).toEqual([
      "live-expectations-match",
      "max-live-expectations",
    ]);
  });

  it("fails with a shrunk counterexample on disk when built with --bug", () => {
    const findings = join(tmp, "c-bug");
    const r = helperfuzz([
      "check",
      "--target",
      `cmd:${binary} --bug`,
      "ftp",
      ...PORT_ONLY,
      "--findings",
      findings,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL ftp\/(no-bounce-without-loose|pinhole-only-to-endpoints)/);
    const saved = findingsIn(findings);
    expect(saved.json.length).toBeGreaterThan(0);
    const finding = JSON.parse(readFileSync(saved.json[0], "utf8"));
    expect(finding.found.target).toContain("--bug");
    expect(finding.flow.segments.length).toBeLessThanOrEqual(3);
  });

  it("fails differential, honestly: it implements PORT only", () => {
    const r = helperfuzz([
      "check",
      "--target",
      `cmd:${binary}`,
      "--property",
      "differential",
      "--runs",
      "300",
      "--seed",
      "5",
      "--findings",
      join(tmp, "c-diff"),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("differs from spec");
  });
});

describe("check: a target that crashes", () => {
  it("is a finding per property, and the check ends cleanly with every finding saved", () => {
    const adapter = join(tmp, "crashes.mjs");
    writeFileSync(
      adapter,
      `import { createInterface } from "node:readline";
for await (const line of createInterface({ input: process.stdin })) {
  const r = JSON.parse(line);
  if (r.op === "hello") { console.log(JSON.stringify({ ok: true, helpers: ["ftp"] })); continue; }
  if (r.flow.segments.length >= 4) process.exit(9);
  const segments = r.flow.segments.map((s) => ({ verdict: "accept", seq: s.seq, data: s.data }));
  console.log(JSON.stringify({ id: r.id, outcome: { expectations: [], segments } }));
}
`,
    );
    const findings = join(tmp, "crash");
    const r = helperfuzz([
      "check",
      "--target",
      `cmd:node ${adapter}`,
      "--property",
      "never-throws,well-formed-outcome",
      "--runs",
      "200",
      "--seed",
      "5",
      "--findings",
      findings,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("target misbehaved: exited: exit code 9");
    expect(r.stdout).toContain("2 of 2 properties failed");
    expect(r.stdout).toMatch(/the target misbehaved .* in 2 properties/);
    expect(findingsIn(findings).json.length).toBe(2);
    for (const file of findingsIn(findings).json) {
      expect(JSON.parse(readFileSync(file, "utf8")).flow.segments.length).toBe(4);
    }
  });
});

describe("check: bad --target values exit 2 with a message", () => {
  const noExports = join(tmp, "empty.mjs");
  writeFileSync(noExports, "export const nothing = 1;\n");
  const halfHelper = join(tmp, "half.mjs");
  writeFileSync(halfHelper, 'export default { name: "ftp", l4: "tcp" };\n');
  const badHello = join(tmp, "bad-hello.mjs");
  writeFileSync(badHello, 'process.stdin.once("data", () => console.log("hi there"));\n');

  it.each([
    ["gopher", /unknown target "gopher"/],
    ["cmd:", /cmd: needs a command/],
    ["cmd:/no/such/program", /could not be started: .*ENOENT/],
    ["cmd:a | b", /without a shell/],
    [`cmd:node ${badHello}`, /failed the hello|wrote garbage/],
    ["module:/no/such/helper.ts", /no such file/],
    [`module:${noExports}`, /exports neither a HelperDefinition .* it exports: nothing/],
    [
      `module:${halfHelper}`,
      /no HelperDefinition: missing families, policy, parseConfig\(\), newState\(\), process\(\)/,
    ],
  ])("%s", (target, message) => {
    const r = helperfuzz(["check", "--target", target, "--runs", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain("    at ");
  });

  it("a helper the target does not implement", () => {
    const r = helperfuzz(["check", "--target", `module:${tsExample}`, "irc"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/irc/);
  });
});
