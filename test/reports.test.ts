// The report files of a campaign: the JUnit XML validates against the Jenkins JUnit schema
// (test/junit/jenkins-junit.xsd, what CI dashboards read) with a finding as a <failure> that
// says how to replay it; every field of the JSON report is the one docs/report-schema.md
// documents, with its type, and every documented field is written; the Markdown summary has
// the verdict, a row per property and the replay commands.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "hf-reports-"));
const tsExample = join(repo, "examples", "ts-module", "ftp-port-helper.ts");
const schema = join(repo, "test", "junit", "jenkins-junit.xsd");
const xmllint = spawnSync("xmllint", ["--version"]).status === 0;

function helperfuzz(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(repo, "bin", "helperfuzz.mjs"), ...args], {
    cwd: repo,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const findings = join(tmp, "findings");
const out = (name: string) => join(tmp, name);
const check = (extra: string[]) =>
  helperfuzz(
    [
      "check",
      "--target",
      `module:${tsExample}`,
      "ftp",
      "--skip-property",
      "differential",
      "--runs",
      "1000",
      "--seed",
      "5",
      "--findings",
      findings,
      ...extra,
    ],
    { HELPERFUZZ_EXAMPLE_BUG: "1" },
  );
// Twice: the second run also replays the findings the first one saved, and they fail again
// (and names the file beside them that is not a case).
check([]);
writeFileSync(join(findings, "ftp", "not-a-case.json"), "{ broken");
const failing = check([
  "--report",
  `json=${out("fail.json")}`,
  "--report",
  `junit=${out("fail.xml")}`,
  "--report",
  `markdown=${out("fail.md")}`,
]);
const passing = helperfuzz([
  "run",
  "ftp",
  "irc",
  "--runs",
  "600",
  "--seed",
  "3",
  "--shard",
  "2/3",
  "--findings",
  join(tmp, "none"),
  "--report",
  `json=${out("pass.json")}`,
  "--report",
  `junit=${out("pass.xml")}`,
]);

describe.skipIf(!xmllint)("--report junit=", () => {
  it("validates against the JUnit schema, a finding as a <failure> with its replay command", () => {
    expect(failing.code).toBe(1);
    expect(passing.code).toBe(0);
    for (const file of [out("fail.xml"), out("pass.xml")]) {
      const r = spawnSync("xmllint", ["--noout", "--schema", schema, file], { encoding: "utf8" });
      expect(r.stderr).toContain("validates");
      expect(r.status).toBe(0);
    }
    const xml = readFileSync(out("fail.xml"), "utf8");
    const cases = xml.match(/<testcase /g) ?? [];
    // 12 properties and the saved cases.
    expect(cases).toHaveLength(13);
    expect(xml).toMatch(
      /<testcase name="no-bounce-without-loose" classname="ftp"[^>]*>\s*<failure /,
    );
    expect(xml).toMatch(
      /<failure [^>]*>[^<]*replay: npx helperfuzz replay [^<]*\.json --target module:/,
    );
    expect(xml).toMatch(/<testcase name="saved cases" classname="ftp"[^>]*>\s*<failure /);
    expect(xml).toMatch(/<testcase name="never-throws" classname="ftp"[^>]*\/>/);
  });
});

/** The documented fields: path → the set of types it may have. */
function documentedFields(): Map<string, Set<string>> {
  const doc = readFileSync(join(repo, "docs", "report-schema.md"), "utf8");
  const fields = new Map<string, Set<string>>();
  for (const [, path, type] of doc.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)) {
    const types = new Set<string>();
    for (const t of type.trim().split(" or ")) {
      // "array of T": the field is an array, each item a T.
      const item = /^array of (\w+)$/.exec(t);
      if (item) {
        types.add("array");
        fields.set(`${path}[]`, new Set([item[1]]));
      } else {
        types.add(t);
      }
    }
    fields.set(path, types);
  }
  return fields;
}

/** Fields whose content is another format (a corpus flow, process-target options). */
const OPAQUE = ["results[].failure.flow", "results[].saved.failures[].flow", "plan.targetOptions"];

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Every field of `value` with the type it has, arrays' items under `[]`. */
function writtenFields(value: unknown, path: string, into: [string, string][]): void {
  if (path !== "") into.push([path, typeOf(value)]);
  if (OPAQUE.includes(path) || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value) writtenFields(item, `${path}[]`, into);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    writtenFields(item, path === "" ? key : `${path}.${key}`, into);
  }
}

describe("--report json=", () => {
  it("writes exactly the fields docs/report-schema.md documents, with their types", () => {
    const documented = documentedFields();
    expect(documented.size).toBeGreaterThan(50);
    const seen = new Set<string>();
    for (const file of [out("fail.json"), out("pass.json")]) {
      const written: [string, string][] = [];
      writtenFields(JSON.parse(readFileSync(file, "utf8")), "", written);
      for (const [path, type] of written) {
        seen.add(path);
        const types = documented.get(path);
        expect(types, `${path} is written but not documented`).toBeDefined();
        // A documented "number" also takes a whole number.
        const ok = types!.has(type) || (type === "integer" && types!.has("number"));
        expect(ok, `${path} is ${type}, documented as ${[...types!].join(" or ")}`).toBe(true);
      }
    }
    // Shown only when a finding cannot be written to disk.
    const rare = ["results[].failure.finding.reason", "results[].failure.finding.json"];
    for (const path of documented.keys()) {
      if (!rare.includes(path))
        expect(seen, `${path} is documented but never written`).toContain(path);
    }
  });

  it("says what it is and what the campaign came to", () => {
    const report = JSON.parse(readFileSync(out("fail.json"), "utf8"));
    expect(report.schema).toBe("helperfuzz-campaign-report");
    expect(report.version).toBe(1);
    expect(report.exitCode).toBe(1);
    expect(report.totals.failed).toBe(2);
    expect(report.totals.savedFailedAgain).toBe(2);
    expect(report.results[0].saved.problems).toEqual([expect.stringContaining("not-a-case.json")]);
    const pass = JSON.parse(readFileSync(out("pass.json"), "utf8"));
    expect(pass.plan.shard).toEqual({ index: 2, count: 3 });
    expect(pass.exitCode).toBe(0);
  });
});

describe("--report markdown=", () => {
  it("has the verdict, a row per property and the commands that replay each finding", () => {
    const md = readFileSync(out("fail.md"), "utf8");
    expect(md).toMatch(/^## helperfuzz check: ❌ findings$/m);
    expect(md).toMatch(/^\| ftp\/never-throws \| 1000 \| ✅ held \| \d+ \|$/m);
    expect(md).toMatch(/^\| ftp\/no-bounce-without-loose \| \d+ \| ❌ FAIL \| \d+ \|$/m);
    expect(md).toMatch(/```sh\nnpx helperfuzz replay \S+\.json --target module:\S+\n/);
  });
});
