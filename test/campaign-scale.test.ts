// A campaign spread over workers and shards is the same campaign: 1 or 2 workers give the
// same findings and counts; 4 shards cover exactly the chunks of the unsharded campaign, once
// each, and `merge` of their reports counts what it counts. A saved finding is replayed
// before anything is generated, so a bug that comes back is the first thing reported.
// Sized by --runs (never by time): a busy machine makes this slower, never red.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "hf-campaign-scale-"));
const tsExample = join(repo, "examples", "ts-module", "ftp-port-helper.ts");

function helperfuzz(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(repo, "bin", "helperfuzz.mjs"), ...args], {
    cwd: repo,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Result {
  helper: string;
  property: string;
  kind: string;
  status: string;
  runs: number;
  chunks: { index: number; seed: number; runs: number; ended?: string }[];
  failure: { seed: number; path: string; flow: unknown; message: string } | null;
  saved: { cases: number; failures: { file: string; property: string }[] } | null;
  specCoverage: { specRuns: number; reached: { name: string; flows: number }[] } | null;
}

interface HelperCoverage {
  helper: string;
  specRuns: number;
  declared: { name: string; flows: number }[];
}

function readReport(file: string): {
  results: Result[];
  exitCode: number;
  flows: number;
  specCoverage: HelperCoverage[];
} {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** What must not depend on how the campaign was spread. */
function verdicts(results: Result[]) {
  return results
    .filter((r) => r.kind === "property")
    .map((r) => ({
      property: `${r.helper}/${r.property}`,
      status: r.status,
      runs: r.runs,
      specCoverage: r.specCoverage,
      failure: r.failure && {
        seed: r.failure.seed,
        path: r.failure.path,
        flow: r.failure.flow,
        message: r.failure.message,
      },
    }));
}

// The planted bug of the TypeScript example fails two properties; the others hold.
const BUGGY = { HELPERFUZZ_EXAMPLE_BUG: "1" };
const CHECK = [
  "check",
  "--target",
  `module:${tsExample}`,
  "ftp",
  "--skip-property",
  "differential",
];

describe("workers", () => {
  it("1 and 2 workers, same seed: identical findings and counts", () => {
    const runs = ["--runs", "2000", "--seed", "5", "--no-replay-saved"];
    const one = join(tmp, "one.json");
    const two = join(tmp, "two.json");
    const a = helperfuzz(
      [
        ...CHECK,
        ...runs,
        "--workers",
        "1",
        "--findings",
        join(tmp, "f1"),
        "--report",
        `json=${one}`,
      ],
      BUGGY,
    );
    const b = helperfuzz(
      [
        ...CHECK,
        ...runs,
        "--workers",
        "2",
        "--findings",
        join(tmp, "f2"),
        "--report",
        `json=${two}`,
      ],
      BUGGY,
    );
    expect(a.code).toBe(1);
    expect(b.code).toBe(1);
    const first = verdicts(readReport(one).results);
    expect(first.filter((v) => v.status === "failed").length).toBeGreaterThan(0);
    expect(first.filter((v) => v.status === "held").length).toBeGreaterThan(0);
    expect(verdicts(readReport(two).results)).toEqual(first);
    // The spec model ran in some property, and counted the same behaviour classes.
    expect(first.some((v) => (v.specCoverage?.specRuns ?? 0) > 0)).toBe(true);
    // The same minimized flows were saved: the same identities (the hash ending each name).
    const names = (dir: string) =>
      readdirSync(join(dir, "ftp"))
        .map((f) => f.replace(/^.*-([0-9a-f]{12})\./, "$1."))
        .sort();
    expect(names(join(tmp, "f2"))).toEqual(names(join(tmp, "f1")));
  }, 600_000);
});

describe("shards", () => {
  const plan = ["--property", "never-throws,differential,deterministic", "--seed", "11"];

  it("4 shards cover exactly the chunks of the unsharded campaign, and merge counts the same", () => {
    const whole = join(tmp, "whole.json");
    const w = helperfuzz([
      "run",
      "ftp",
      ...plan,
      "--runs",
      "3000",
      "--findings",
      join(tmp, "fw"),
      "--report",
      `json=${whole}`,
    ]);
    expect(w.code).toBe(0);
    const shards = [1, 2, 3, 4].map((i) => join(tmp, `shard-${i}.json`));
    for (const [i, file] of shards.entries()) {
      const r = helperfuzz([
        "run",
        "ftp",
        ...plan,
        "--runs",
        "3000",
        "--shard",
        `${i + 1}/4`,
        "--findings",
        join(tmp, "fw"),
        "--report",
        `json=${file}`,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`shard ${i + 1}/4`);
    }
    const unsharded = readReport(whole).results.filter((r) => r.kind === "property");
    const sharded = shards.flatMap((f) =>
      readReport(f).results.filter((r) => r.kind === "property"),
    );
    for (const property of unsharded) {
      const expected = property.chunks.map((c) => `${c.index}:${c.seed}:${c.runs}`).sort();
      expect(expected).toHaveLength(6);
      const got = sharded
        .filter((r) => r.property === property.property)
        .flatMap((r) => r.chunks.map((c) => `${c.index}:${c.seed}:${c.runs}`));
      // Disjoint: no chunk twice. Union: every chunk of the whole campaign, nothing else.
      expect(new Set(got).size).toBe(got.length);
      expect(got.sort()).toEqual(expected);
    }

    const merged = join(tmp, "merged.json");
    const m = helperfuzz(["merge", ...shards, "--report", `json=${merged}`]);
    expect(m.code).toBe(0);
    expect(m.stdout).toContain("all 3 properties held on 9000 flows");
    expect(verdicts(readReport(merged).results)).toEqual(verdicts(unsharded));
    expect(readReport(merged).flows).toBe(readReport(whole).flows);
    // Spec coverage of the shards adds up to the unsharded campaign's.
    const wholeCoverage = readReport(whole).specCoverage;
    expect(wholeCoverage[0].specRuns).toBeGreaterThan(0);
    expect(readReport(merged).specCoverage).toEqual(wholeCoverage);

    // A missing shard leaves part of the campaign without a verdict: exit 3, named.
    const partial = helperfuzz(["merge", ...shards.slice(0, 3)]);
    expect(partial.code).toBe(3);
    expect(partial.stdout).toContain("missing: 4/4");
  }, 600_000);

  it("merged shards of a failing campaign give the unsharded findings and counts, exit 1", () => {
    const args = [...CHECK, "--runs", "2000", "--seed", "5", "--no-replay-saved"];
    const whole = join(tmp, "fail-whole.json");
    helperfuzz([...args, "--findings", join(tmp, "ff"), "--report", `json=${whole}`], BUGGY);
    const shards = [1, 2, 3, 4].map((i) => join(tmp, `fail-shard-${i}.json`));
    for (const [i, file] of shards.entries()) {
      const r = helperfuzz(
        [
          ...args,
          "--shard",
          `${i + 1}/4`,
          "--findings",
          join(tmp, "ff"),
          "--report",
          `json=${file}`,
        ],
        BUGGY,
      );
      expect([0, 1]).toContain(r.code);
    }
    const merged = join(tmp, "fail-merged.json");
    const m = helperfuzz(["merge", ...shards, "--report", `json=${merged}`]);
    expect(m.code).toBe(1);
    expect(verdicts(readReport(merged).results)).toEqual(verdicts(readReport(whole).results));
  }, 600_000);
});

describe("saved failures first", () => {
  it("a regression a saved finding covers is reported before any flow is generated", () => {
    const findings = join(tmp, "regression");
    mkdirSync(findings);
    // The bug, found once and saved.
    const first = helperfuzz(
      [
        "check",
        "--target",
        `module:${tsExample}`,
        "ftp",
        "--property",
        "no-bounce-without-loose",
        "--runs",
        "500",
        "--seed",
        "5",
        "--findings",
        findings,
      ],
      BUGGY,
    );
    expect(first.code).toBe(1);
    const saved = readdirSync(join(findings, "ftp")).filter((f) => f.endsWith(".json"));
    expect(saved).toHaveLength(1);

    // Fixed: the saved finding replays and holds.
    const fixed = helperfuzz([
      "check",
      "--target",
      `module:${tsExample}`,
      "ftp",
      "--property",
      "no-bounce-without-loose",
      "--runs",
      "500",
      "--seed",
      "6",
      "--findings",
      findings,
    ]);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain("saved cases replayed first: 1, 0 failed again");

    // The bug comes back, in a campaign whose new flows would take long: the saved case is
    // the first thing reported, before the first property's row, with how to replay it.
    const report = join(tmp, "regression.json");
    const back = helperfuzz(
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
        "7",
        "--findings",
        findings,
        "--report",
        `json=${report}`,
      ],
      BUGGY,
    );
    expect(back.code).toBe(1);
    const out = back.stdout;
    const savedFail = out.indexOf(`saved case ${join(findings, "ftp", saved[0])} fails again`);
    expect(savedFail).toBeGreaterThan(0);
    expect(savedFail).toBeLessThan(out.indexOf("ftp/never-throws"));
    expect(out).toContain(`replay: npx helperfuzz replay ${join(findings, "ftp", saved[0])}`);
    const results = readReport(report).results;
    expect(results[0].kind).toBe("saved-cases");
    expect(results[0].status).toBe("failed");
    expect(results[0].saved?.failures.map((f) => f.property)).toEqual(["no-bounce-without-loose"]);

    // --no-replay-saved: only new flows.
    const skipping = helperfuzz(
      [
        "check",
        "--target",
        `module:${tsExample}`,
        "ftp",
        "--property",
        "never-throws",
        "--runs",
        "500",
        "--findings",
        findings,
        "--no-replay-saved",
      ],
      BUGGY,
    );
    expect(skipping.code).toBe(0);
    expect(skipping.stdout).not.toContain("saved case");
  }, 600_000);
});
