// The report files of a campaign: the JUnit XML validates against our JUnit schema
// (test/junit/junit-report.xsd, the format CI dashboards read), its counts add up, a finding
// is a <failure> that says how to replay it, and the schema rejects broken reports; every
// field of the JSON report is the one docs/report-schema.md documents, with its type, and
// every documented field is written; the Markdown summary has the verdict, a row per
// property and the replay commands.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromJsonReport } from "../harness/reports/json-report.ts";
import { junitReport } from "../harness/reports/junit-report.ts";
import { markdownReport } from "../harness/reports/markdown-report.ts";

const repo = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "hf-reports-"));
const tsExample = join(repo, "examples", "ts-module", "ftp-port-helper.ts");
const schema = join(repo, "test", "junit", "junit-report.xsd");
const xmllint = spawnSync("xmllint", ["--version"]).status === 0;

/** xmllint's verdict on a JUnit file, or on the text given (read from stdin). */
function validate(file: string, input?: string) {
  const r = spawnSync("xmllint", ["--noout", "--schema", schema, file], {
    encoding: "utf8",
    input,
  });
  return { code: r.status, stderr: r.stderr };
}

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
// A check with a known-differences file: the example knows no EPRT, 227 or 229 (documented,
// masked and tallied); its other difference from the spec model, no NAT rewrite, is a finding.
const knownFile = out("example-known.jsonc");
writeFileSync(
  knownFile,
  JSON.stringify({
    description: "What the PORT-only example does not do",
    family: "module",
    differences: [
      {
        id: "example-no-eprt",
        helper: "ftp",
        kernel: "EPRT, 227 and 229 create expectations",
        plugin: "only PORT is parsed",
        verdict: "deliberate",
        showing: {
          name: "EPRT",
          property: "cthelper-known-difference",
          flow: {
            helper: "ftp",
            l4: "tcp",
            client: { addr: "198.18.0.2", port: 40000 },
            server: { addr: "198.19.0.5", port: 21 },
            segments: [
              { dir: "orig", text: "USER a\r\n" },
              { dir: "orig", text: "EPRT |1|198.18.0.2|1025|\r\n" },
            ],
          },
          expected: {
            expectations: [
              { l4: "tcp", src: "198.19.0.5", sport: null, dst: "198.18.0.2", dport: 1025 },
            ],
            segments: [{ verdict: "accept" }, { verdict: "accept" }],
          },
        },
        match: {
          differences: "^(\\d+ vs \\d+ expectations|expectation #\\d+: .*|segment #\\d+: .*)$",
          segment: "^(EPRT|227|229)",
        },
      },
    ],
  }),
);
const withKnown = helperfuzz([
  "check",
  "--target",
  `module:${tsExample}`,
  "ftp",
  "--property",
  "differential",
  "--runs",
  "500",
  "--seed",
  "5",
  "--workers",
  "1",
  "--findings",
  join(tmp, "known-findings"),
  "--no-replay-saved",
  "--known-differences",
  knownFile,
  "--report",
  `json=${out("known.json")}`,
  "--report",
  `markdown=${out("known.md")}`,
]);

describe.skipIf(!xmllint)("--report junit=", () => {
  it("validates against the JUnit schema, a finding as a <failure> with its replay command", () => {
    expect(failing.code).toBe(1);
    expect(passing.code).toBe(0);
    for (const file of [out("fail.xml"), out("pass.xml")]) {
      const r = validate(file);
      expect(r.stderr).toContain("validates");
      expect(r.code).toBe(0);
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

  it("has counts that add up (what the schema cannot check)", () => {
    // The harness's own trouble adds a "campaign" suite with an <error>: counted too.
    const troubled = fromJsonReport(JSON.parse(readFileSync(out("pass.json"), "utf8")), "pass");
    troubled.harnessError = "the findings directory became unwritable (planted)";
    writeFileSync(out("troubled.xml"), junitReport(troubled));
    expect(validate(out("troubled.xml")).code).toBe(0);
    // A judged campaign whose generators missed a spec behaviour class adds a
    // "spec-coverage" suite with an <error> per helper: counted too, and named.
    const gapped = fromJsonReport(JSON.parse(readFileSync(out("pass.json"), "utf8")), "pass");
    const differential = gapped.entries.find((e) => e.result.property === "differential")!;
    differential.coverage = { specRuns: 30_000, reached: { "PORT: parsed": 30_000 } };
    writeFileSync(out("gapped.xml"), junitReport(gapped));
    expect(validate(out("gapped.xml")).code).toBe(0);
    expect(readFileSync(out("gapped.xml"), "utf8")).toMatch(
      /<testsuite name="spec-coverage" tests="1" failures="0" errors="1">\s*<testcase name="ftp" [^>]*><error message="the generators never reached: [^"]*229: parsed/,
    );
    expect(markdownReport(gapped, 3)).toMatch(
      /^### Spec coverage of ftp: 1 of 34 classes on 30000 spec runs, ⚠️ 33 never reached: .*`229: parsed`/m,
    );
    for (const file of [out("fail.xml"), out("pass.xml"), out("troubled.xml"), out("gapped.xml")]) {
      const xml = readFileSync(file, "utf8");
      const total = { tests: 0, failures: 0, errors: 0 };
      for (const [, head, body] of xml.matchAll(/<testsuite ([^>]*)>([\s\S]*?)<\/testsuite>/g)) {
        const suite = attributes(head);
        const cases = [...body.matchAll(/<testcase [^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)];
        const outcome = (tag: string) =>
          cases.filter((c) => new RegExp(`<${tag}[\\s/>]`).test(c[1] ?? "")).length;
        expect(Number(suite.tests), `${file}: ${suite.name}`).toBe(cases.length);
        expect(Number(suite.failures), `${file}: ${suite.name}`).toBe(outcome("failure"));
        expect(Number(suite.errors), `${file}: ${suite.name}`).toBe(outcome("error"));
        expect(Number(suite.skipped ?? 0), `${file}: ${suite.name}`).toBe(outcome("skipped"));
        total.tests += cases.length;
        total.failures += outcome("failure");
        total.errors += outcome("error");
      }
      const root = attributes(/<testsuites ([^>]*)>/.exec(xml)![1]);
      expect(Number(root.tests), file).toBe(total.tests);
      expect(Number(root.failures), file).toBe(total.failures);
      expect(Number(root.errors), file).toBe(total.errors);
    }
  });
});

function attributes(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
}

/** A small report in the shape we write, with every element the schema allows. */
const validReport = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="helperfuzz check builtin" tests="4" failures="1" errors="2" time="0.500">
  <testsuite name="ftp" package="helperfuzz.ftp" id="0" tests="4" failures="1" errors="1" skipped="1" time="0.500" timestamp="2024-05-01T12:00:00" hostname="ci">
    <properties>
      <property name="seed" value="5"/>
      <property name="runs" value="100"/>
    </properties>
    <testcase name="never-throws" classname="ftp" time="0.100" assertions="100"/>
    <testcase name="deterministic" classname="ftp" time="0.200" assertions="7">
      <failure message="it differs" type="PropertyFailure">it differs
replay: npx helperfuzz replay f.json</failure>
    </testcase>
    <testcase name="differential" classname="ftp" time="0.000" assertions="0">
      <skipped>no reference</skipped>
    </testcase>
    <testcase name="well-formed-outcome" classname="ftp" time="0.200" assertions="3">
      <error message="worker died" type="HarnessError">worker died</error>
      <system-out>out</system-out>
      <system-err>err</system-err>
    </testcase>
  </testsuite>
  <testsuite name="campaign" tests="1" failures="0" errors="1">
    <testcase name="campaign" classname="helperfuzz"><error message="" type="HarnessError"></error></testcase>
  </testsuite>
</testsuites>
`;

/**
 * Mistakes a writer could make: [what, the text replaced in validReport, its replacement, what
 * xmllint says about it].
 */
const broken: [string, string, string, string][] = [
  ["a testcase without name", '<testcase name="never-throws" ', "<testcase ", "'name' is required"],
  [
    "a testcase without classname",
    'name="never-throws" classname="ftp" ',
    'name="never-throws" ',
    "'classname' is required",
  ],
  [
    "a testsuite without errors",
    'failures="1" errors="1" skipped="1"',
    'failures="1" skipped="1"',
    "'errors' is required",
  ],
  ["the testsuites without tests", 'builtin" tests="4" ', 'builtin" ', "'tests' is required"],
  ["a negative tests count", 'id="0" tests="4"', 'id="0" tests="-4"', "'-4' is not a valid value"],
  [
    "a fractional failures count",
    'failures="1" errors="1" skipped',
    'failures="1.0" errors="1" skipped',
    "'1.0' is not a valid value",
  ],
  [
    "a non-numeric assertions count",
    'assertions="100"',
    'assertions="many"',
    "'many' is not a valid value",
  ],
  ["a non-numeric time", 'time="0.100"', 'time="fast"', "'fast' is not a valid value"],
  ["a negative time", 'time="0.100"', 'time="-0.100"', "'-0.100' is not accepted"],
  ["a time with an exponent", 'time="0.100"', 'time="1e-1"', "'1e-1' is not a valid value"],
  ["a time with a decimal comma", 'time="0.100"', 'time="0,100"', "'0,100' is not a valid value"],
  [
    "a timestamp with milliseconds and zone",
    "12:00:00",
    "12:00:00.123Z",
    "'2024-05-01T12:00:00.123Z' is not accepted",
  ],
  [
    "a timestamp that is no date",
    "2024-05-01T12:00:00",
    "2024-13-01T12:00:00",
    "'2024-13-01T12:00:00' is not a valid value",
  ],
  ["a blank testcase name", 'name="never-throws"', 'name=" "', "' ' is not accepted"],
  [
    "an unknown element",
    "<system-out>out</system-out>",
    "<stdout>out</stdout>",
    "'stdout': This element is not expected",
  ],
  ["an unknown attribute", 'assertions="100"', 'assertion="100"', "'assertion' is not allowed"],
  [
    "a failure without message",
    '<failure message="it differs" ',
    "<failure ",
    "'message' is required",
  ],
  ["an error without type", ' type="HarnessError">worker', ">worker", "'type' is required"],
  [
    "a failure and an error in one testcase",
    "<system-out>out</system-out>",
    '<failure message="x" type="PropertyFailure"/><system-out>out</system-out>',
    "'failure': This element is not expected",
  ],
  [
    "two skipped in one testcase",
    "<skipped>no reference</skipped>",
    "<skipped/><skipped/>",
    "'skipped': This element is not expected",
  ],
  [
    "properties after the testcases",
    "</testsuite>",
    '<properties><property name="late" value="1"/></properties></testsuite>',
    "'properties': This element is not expected",
  ],
  [
    "system-out before the outcome",
    '<error message="worker died"',
    '<system-out>early</system-out><error message="worker died"',
    "'error': This element is not expected",
  ],
  [
    "an empty properties",
    '<property name="seed" value="5"/>\n      <property name="runs" value="100"/>',
    "",
    "Missing child element(s)",
  ],
  [
    "a property without value",
    '<property name="seed" value="5"/>',
    '<property name="seed"/>',
    "'value' is required",
  ],
  [
    "a property twice",
    'name="runs" value="100"',
    'name="seed" value="100"',
    "Duplicate key-sequence ['seed']",
  ],
  [
    "a testcase twice in a suite",
    'name="deterministic"',
    'name="never-throws"',
    "Duplicate key-sequence ['ftp', 'never-throws']",
  ],
  [
    "a suite name twice",
    '<testsuite name="campaign"',
    '<testsuite name="ftp"',
    "Duplicate key-sequence ['ftp']",
  ],
];

describe.skipIf(!xmllint)("test/junit/junit-report.xsd", () => {
  it("accepts a report with every element it allows", () => {
    const r = validate("-", validReport);
    expect(r.stderr).toContain("- validates");
    expect(r.code).toBe(0);
  });

  it.each(broken)("rejects %s", (_what, from, to, reason) => {
    expect(validReport).toContain(from);
    const text = validReport.replace(from, to);
    expect(text).not.toBe(validReport);
    const r = validate("-", text);
    // 3: the document does not validate (not 1, malformed XML, nor 5, a broken schema).
    expect(r.stderr).toContain(reason);
    expect(r.stderr).toContain("- fails to validate");
    expect(r.code).toBe(3);
  });

  it("rejects a <testsuite> as the root: ours is always <testsuites>", () => {
    const suite = /<testsuite name="ftp"[\s\S]*?<\/testsuite>/.exec(validReport)![0];
    const r = validate("-", `<?xml version="1.0" encoding="UTF-8"?>\n${suite}\n`);
    expect(r.stderr).toContain("No matching global declaration available for the validation root");
    expect(r.stderr).toContain("- fails to validate");
    expect(r.code).toBe(3);
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
    for (const file of [out("fail.json"), out("pass.json"), out("known.json")]) {
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
    // Shown only when a finding cannot be written to disk, and when a judged campaign's
    // generators missed a class (harness/spec-coverage.test.ts).
    const rare = [
      "results[].failure.finding.reason",
      "results[].failure.finding.json",
      "specCoverage[].unreached[]",
      "specCoverage[].undeclared[]",
      "specCoverage[].undeclared[].name",
      "specCoverage[].undeclared[].flows",
    ];
    for (const path of documented.keys()) {
      if (!rare.includes(path))
        expect(seen, `${path} is documented but never written`).toContain(path);
    }
  });

  it("counts the documented classes it masked and names each difference in none", () => {
    expect(withKnown.code, withKnown.stdout).toBe(1);
    expect(withKnown.stdout).toMatch(/^ {2}example-no-eprt +deliberate +\d+ /m);
    expect(withKnown.stdout).toMatch(
      /^1 new difference \(in no class of .*example-known\.jsonc\):$/m,
    );
    const report = JSON.parse(readFileSync(out("known.json"), "utf8"));
    expect(report.plan.knownDifferences).toBe(knownFile);
    const [klass] = report.knownDifferences.classes;
    expect(klass).toMatchObject({ id: "example-no-eprt", verdict: "deliberate", impact: null });
    expect(klass.flows).toBeGreaterThan(0);
    expect(report.knownDifferences.undocumented).toEqual([
      expect.objectContaining({ helper: "ftp", property: "differential" }),
    ]);
    const differential = report.results.find(
      (r: { property: string }) => r.property === "differential",
    );
    expect(differential.knownDifferences[0]).toMatchObject({ id: "example-no-eprt" });
    const md = readFileSync(out("known.md"), "utf8");
    expect(md).toMatch(/^### Known differences: 1 of 1 documented classes seen, 1 new$/m);
    expect(md).toMatch(
      /^\| example-no-eprt \| deliberate \| \d+ \| [\d.]+ s, differential flow \d+ \|$/m,
    );
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
