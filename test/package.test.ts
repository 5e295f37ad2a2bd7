// The published package, from an author's side: `npm pack` this repository once, install the
// tarball into fresh projects made under os.tmpdir — one with "type":"module", one CommonJS —
// and check the example helper there: with `npx helperfuzz check --target module:…`, with a
// vitest file using helperfuzz/vitest, and with the project's own tsc. Each passes for the
// correct helper and fails for its planted bug (HELPERFUZZ_EXAMPLE_BUG=1). Installs need the
// npm registry (the tarball's dependencies); runs are sized by count, timeouts are a net.

import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "helperfuzz-package-"));
const example = join(repo, "examples", "ts-module", "ftp-port-helper.ts");
const vitestVersion = JSON.parse(
  readFileSync(join(repo, "node_modules", "vitest", "package.json"), "utf8"),
).version;
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
const INSTALL = 900_000;
const STEP = 600_000;
const CHECK = ["ftp", "--skip-property", "differential", "--runs", "300", "--seed", "1"];

/** The environment of a fresh shell: none of this vitest's own variables. */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !key.startsWith("VITEST") && key !== "NODE_OPTIONS" && key !== "TEST",
  ),
);

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: STEP,
    env: { ...cleanEnv, NO_COLOR: "1", ...env },
  });
  if (result.error) throw result.error;
  return result;
}

function ok(result: SpawnSyncReturns<string>, what: string): void {
  if (result.status !== 0) {
    throw new Error(`${what} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
}

let tarball = "";

/** A fresh project with the tarball (and vitest, the peer of helperfuzz/vitest) installed. */
function project(name: string, type: "module" | "commonjs"): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  ok(run("npm", ["init", "-y"], dir), "npm init");
  ok(run("npm", ["pkg", "set", `type=${type}`], dir), "npm pkg set");
  const install = run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, `vitest@${vitestVersion}`],
    dir,
  );
  ok(install, "npm install");
  return dir;
}

/** The example as a JavaScript file of the given module kind. */
function exampleAsJavaScript(module: ts.ModuleKind): string {
  const source = readFileSync(example, "utf8");
  return ts.transpileModule(source, {
    compilerOptions: { module, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}

function check(dir: string, helperFile: string, bug = false) {
  return run("npx", ["helperfuzz", "check", "--target", `module:./${helperFile}`, ...CHECK], dir, {
    HELPERFUZZ_EXAMPLE_BUG: bug ? "1" : "0",
  });
}

function vitest(dir: string, bug = false) {
  return run("npx", ["vitest", "run"], dir, { HELPERFUZZ_EXAMPLE_BUG: bug ? "1" : "0" });
}

function vitestFile(helperImport: string): string {
  return [
    'import { describeHelper } from "helperfuzz/vitest";',
    `import { helper } from "${helperImport}";`,
    "",
    'describeHelper("ftp", helper, { skipProperties: ["differential"], numRuns: 300, seed: 1 });',
    "",
  ].join("\n");
}

function expectHeld(result: SpawnSyncReturns<string>): void {
  expect(result.stderr).not.toContain("    at ");
  expect(result.stdout).toMatch(/all \d+ properties held|the property held on/);
  expect(result.status).toBe(0);
}

function expectBounceFound(result: SpawnSyncReturns<string>): void {
  expect(result.stdout).toContain("FAIL ftp/no-bounce-without-loose");
  expect(result.status).toBe(1);
}

function expectVitestPassed(result: SpawnSyncReturns<string>): void {
  expect(result.stdout).toMatch(/Tests\s+\d+ passed/);
  expect(result.stdout).not.toMatch(/failed/);
  expect(result.status).toBe(0);
}

function expectVitestFoundBounce(result: SpawnSyncReturns<string>, dir: string): void {
  const out = result.stdout + result.stderr;
  expect(out).toMatch(/FAIL .*no-bounce-without-loose \(with seed=1\)/);
  expect(out).toContain("ftp/no-bounce-without-loose failed on vitest");
  expect(out).toContain("minimized flow:");
  expect(out).toMatch(/replay exactly: describeHelper\("ftp", helper, .*seed: 1, path: "[\d:]+"/);
  const saved = [...out.matchAll(/saved: (\S+\.json)/g)].map((m) => m[1]);
  const properties = saved.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")).property);
  expect(properties).toContain("no-bounce-without-loose");
  expect(result.status).toBe(1);
}

beforeAll(() => {
  const packed = join(scratch, "packed");
  mkdirSync(packed);
  ok(run("npm", ["pack", "--pack-destination", packed], repo), "npm pack");
  const [file] = readdirSync(packed).filter((f) => f.endsWith(".tgz"));
  tarball = join(packed, file);
}, INSTALL);

describe("the packed tarball", () => {
  it("holds the compiled JavaScript and every file the sources load at run time, no sources", () => {
    const listing = run("tar", ["-tzf", tarball], scratch);
    ok(listing, "tar");
    const files = listing.stdout.split("\n").filter(Boolean);
    for (const needed of [
      "package/bin/helperfuzz.mjs",
      "package/dist/index.js",
      "package/dist/index.d.ts",
      "package/dist/vitest.js",
      "package/dist/vitest.d.ts",
      "package/dist/harness/cli.js",
    ]) {
      expect(files).toContain(needed);
    }
    // Worker .mjs files, the kernel agent's Python, corpus/: whatever is not TypeScript.
    const assets = (folder: string): string[] =>
      readdirSync(join(repo, folder), { recursive: true, withFileTypes: true })
        .filter(
          (e) => e.isFile() && !e.name.endsWith(".ts") && !e.parentPath.includes("__pycache__"),
        )
        .map((e) => relative(repo, join(e.parentPath, e.name)));
    const nonTs = ["harness", "helpers", "properties", "bench", "corpus"].flatMap(assets);
    expect(nonTs).toContain("harness/targets/line-channel-worker.mjs");
    expect(nonTs).toContain("harness/kernel/agent.py");
    for (const asset of nonTs) expect(files).toContain(`package/dist/${asset}`);
    const sources = files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
    expect(sources).toEqual([]);
    expect(files.filter((f) => f.includes(".test."))).toEqual([]);
  });
});

describe('a project with "type":"module" and the TypeScript example', () => {
  let dir = "";
  beforeAll(() => {
    dir = project("esm", "module");
    cpSync(example, join(dir, "my-helper.ts"));
    writeFileSync(join(dir, "my-helper.test.ts"), vitestFile("./my-helper.ts"));
  }, INSTALL);

  it("npx helperfuzz check passes for the correct helper", () => {
    expectHeld(check(dir, "my-helper.ts"));
  });

  it("npx helperfuzz check exits 1 for the planted bug", () => {
    expectBounceFound(check(dir, "my-helper.ts", true));
  });

  it("a vitest file using helperfuzz/vitest passes for the correct helper", () => {
    expectVitestPassed(vitest(dir));
  });

  it("the same vitest file fails for the planted bug, with the flow, the finding and the replay", () => {
    expectVitestFoundBounce(vitest(dir, true), dir);
  });

  it("the project's own tsc resolves the types of helperfuzz and helperfuzz/vitest", () => {
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "nodenext", strict: true, noEmit: true, skipLibCheck: true },
        files: ["uses-types.ts"],
      }),
    );
    writeFileSync(
      join(dir, "uses-types.ts"),
      [
        'import { type Flow, FlowError, type HelperDefinition, type Outcome, runFlow } from "helperfuzz";',
        'import { type DescribeHelperOptions, helperProperties } from "helperfuzz/vitest";',
        'const options: DescribeHelperOptions = { skipProperties: ["differential"], numRuns: 10 };',
        "export const outcomeOf = (h: HelperDefinition, flow: Flow): Outcome => runFlow(h, flow);",
        'export const names = (h: HelperDefinition): string[] => helperProperties("ftp", h, options).map((p) => p.name);',
        "export { FlowError };",
        "",
      ].join("\n"),
    );
    ok(run(process.execPath, [tsc, "-p", "."], dir), "tsc");
    // A wrong helper is a type error, so the types are real, not `any`.
    writeFileSync(
      join(dir, "uses-types.ts"),
      'import type { HelperDefinition } from "helperfuzz";\nexport const wrong: HelperDefinition = { name: 1 };\n',
    );
    const wrong = run(process.execPath, [tsc, "-p", "."], dir);
    expect(wrong.stdout).toMatch(/uses-types\.ts\(2,\d+\): error TS\d+/);
    expect(wrong.status).not.toBe(0);
  });
});

describe("a CommonJS project with a .js helper (and the .ts one)", () => {
  let dir = "";
  beforeAll(() => {
    dir = project("cjs", "commonjs");
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).type).toBe("commonjs");
    writeFileSync(join(dir, "my-helper.js"), exampleAsJavaScript(ts.ModuleKind.CommonJS));
    writeFileSync(join(dir, "my-helper.cjs"), exampleAsJavaScript(ts.ModuleKind.CommonJS));
    writeFileSync(join(dir, "my-helper.mjs"), exampleAsJavaScript(ts.ModuleKind.ESNext));
    cpSync(example, join(dir, "my-helper.ts"));
    writeFileSync(join(dir, "my-helper.test.ts"), vitestFile("./my-helper.js"));
  }, INSTALL);

  it("the .js helper is CommonJS: it requires helperfuzz", () => {
    expect(readFileSync(join(dir, "my-helper.js"), "utf8")).toContain('require("helperfuzz")');
  });

  it("npx helperfuzz check passes for the correct .js helper", () => {
    expectHeld(check(dir, "my-helper.js"));
  });

  it("npx helperfuzz check exits 1 for the .js helper's planted bug", () => {
    expectBounceFound(check(dir, "my-helper.js", true));
  });

  it("the TypeScript helper loads outside a module package too (no require(esm) cycle)", () => {
    expectHeld(check(dir, "my-helper.ts"));
  });

  it.each(["my-helper.mjs", "my-helper.cjs"])(
    "%s loads too, and its planted bug is found",
    (file) => {
      const only = ["ftp", "--property", "no-bounce-without-loose", "--runs", "300", "--seed", "1"];
      const run1 = (bug: string) =>
        run("npx", ["helperfuzz", "check", "--target", `module:./${file}`, ...only], dir, {
          HELPERFUZZ_EXAMPLE_BUG: bug,
        });
      expectHeld(run1("0"));
      expectBounceFound(run1("1"));
    },
  );

  it("a vitest file importing the CommonJS helper passes, and fails for the planted bug", () => {
    expectVitestPassed(vitest(dir));
    expectVitestFoundBounce(vitest(dir, true), dir);
  });
});
