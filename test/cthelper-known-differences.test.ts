// corpus/cthelper-known-differences.jsonc holds: for every documented class, (a) the plugin
// still differs from the kernel on its `showing` case, in a way the class's match rule
// recognises as this class; (b) the spec model gives `expected`, the kernel's measured
// outcome; (c) the saved cthelper/known-differences/ID.json and ID.pcap are the showing case
// and replay on the plugin with the same difference. And `check` with the file masks the
// known classes but fails, naming it, on a difference the file does not document (a copy of
// the file with one class removed). Needs Debian's conntrackd plugins unpacked by
// scripts/setup.sh into .cache/conntrackd/ (no root); without them the plugin tests are
// skipped with that reason.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { caseToJson, compareOutcome } from "../harness/corpus.ts";
import {
  CTHELPER_KNOWN_DIFFERENCES_FILE,
  IMPACTS,
  knownDifferenceOf,
  loadThirdPartyKnownDifferences,
} from "../harness/known-differences.ts";
import { flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import {
  type CthelperTarget,
  DEBIAN_PLUGIN_NAMES,
  openCthelperTarget,
  pluginPath,
} from "../harness/targets/cthelper-target.ts";
import { specTarget } from "../harness/targets/in-process.ts";
import { valgrindVersion } from "../harness/targets/memcheck.ts";
import type { Outcome } from "../helpers/core/model.ts";
import { outcomeDifferences } from "../helpers/core/outcome.ts";

const repo = join(import.meta.dirname, "..");
const saved = join(repo, "cthelper", "known-differences");
const file = loadThirdPartyKnownDifferences(CTHELPER_KNOWN_DIFFERENCES_FILE);
const known = file.differences;
const tmp = mkdtempSync(join(tmpdir(), "hf-cthelper-known-"));

/** Why the plugins cannot be run here, or undefined. */
function pluginsMissing(): string | undefined {
  try {
    for (const name of DEBIAN_PLUGIN_NAMES) pluginPath(name);
    return undefined;
  } catch (error) {
    return `Debian's conntrackd plugins are not unpacked (${(error as Error).message})`;
  }
}
const missing = pluginsMissing();
if (missing) console.warn(`skipping the plugin tests of cthelper-known-differences: ${missing}`);
/** Classes marked memcheck show only under valgrind. */
const noValgrind = valgrindVersion() === undefined ? "valgrind is not installed" : undefined;
if (!missing && noValgrind)
  console.warn(`skipping the memcheck classes of cthelper-known-differences: ${noValgrind}`);
/** The target a class is shown on. */
const spelled = (d: (typeof known)[number]) => `${d.helper}${d.memcheck ? "+memcheck" : ""}`;

function helperfuzz(args: string[]) {
  const r = spawnSync(process.execPath, [join(repo, "bin", "helperfuzz.mjs"), ...args], {
    cwd: repo,
    encoding: "utf8",
    timeout: 600_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("corpus/cthelper-known-differences.jsonc", () => {
  it("documents the classes of the four plugins, each plugin bug with its impact", () => {
    expect(file.family).toBe("cthelper");
    expect(known.filter((d) => d.helper === "ftp").length).toBeGreaterThanOrEqual(5);
    expect(known.filter((d) => d.helper === "amanda").length).toBeGreaterThanOrEqual(5);
    for (const d of known) {
      expect(DEBIAN_PLUGIN_NAMES as readonly string[]).toContain(d.helper);
      if (d.verdict === "plugin-bug") expect(IMPACTS).toContain(d.impact);
      else expect(d.impact).toBeUndefined();
    }
  });

  for (const entry of known) {
    describe(entry.id, () => {
      const flow = entry.showing.flow;
      const expected = entry.showing.expected!;

      it("(b) the spec model gives the kernel's measured outcome", () => {
        expect(compareOutcome(expected, specTarget.run(flow))).toEqual([]);
      });

      it("(c) is saved as ID.json (the showing case) and ID.pcap (its capture)", () => {
        expect(readFileSync(join(saved, `${entry.id}.json`), "utf8")).toBe(
          caseToJson(entry.showing),
        );
        const pcap = readFileSync(join(saved, `${entry.id}.pcap`));
        expect(Buffer.from(flowToPcap(flow)).equals(pcap)).toBe(true);
      });
    });
  }
});

describe.skipIf(missing !== undefined)("the plugins still differ as documented", () => {
  const targets = new Map<string, CthelperTarget>();
  const target = (name: string) => {
    let t = targets.get(name);
    if (!t) {
      t = openCthelperTarget(name);
      targets.set(name, t);
    }
    return t;
  };
  afterAll(async () => {
    for (const t of targets.values()) await t.close();
  });

  /** The plugin's difference lines from the reference (as the mask sees them). */
  const differencesOn = (outcomeOf: () => Outcome, reference: Outcome) => {
    try {
      return outcomeDifferences(outcomeOf(), reference);
    } catch (error) {
      return [`threw: ${(error as Error).message.split("\n")[0]}`];
    }
  };

  for (const entry of known) {
    const skip = entry.memcheck ? noValgrind : undefined;
    it.skipIf(skip !== undefined)(
      `(a) ${entry.id} on cthelper:${spelled(entry)}: the plugin differs from the kernel, recognised as this class`,
      () => {
        const flow = entry.showing.flow;
        const kernel = specTarget.run(flow);
        expect(compareOutcome(entry.showing.expected!, kernel)).toEqual([]);
        if (entry.memcheck) {
          // Only the memory error differs: without valgrind the outcome is the kernel's.
          expect(compareOutcome(entry.showing.expected!, target(entry.helper).run(flow))).toEqual(
            [],
          );
        }
        const lines = differencesOn(() => target(spelled(entry)).run(flow), kernel);
        expect(lines.length, "the plugin agrees with the kernel now").toBeGreaterThan(0);
        expect(knownDifferenceOf(known, flow, lines, kernel), lines.join("\n")).toBe(entry.id);
      },
      60_000,
    );
  }

  for (const name of [...new Set(known.map(spelled))]) {
    const skip = name.endsWith("+memcheck") ? noValgrind : undefined;
    it.skipIf(skip !== undefined)(
      `(c) cthelper:${name}: every saved ID.json and ID.pcap replays with its difference`,
      () => {
        const entries = known.filter((d) => spelled(d) === name);
        const helper = entries[0].helper;
        const files = entries.map((d) => join(saved, `${d.id}.json`));
        const cases = helperfuzz(["replay", "--target", `cthelper:${name}`, "--json", ...files]);
        expect(cases.code, cases.stderr).toBe(1);
        const caseResults = JSON.parse(cases.stdout).results;
        expect(caseResults).toHaveLength(entries.length);
        for (const [i, r] of caseResults.entries()) {
          expect(r.check, entries[i].id).toBe("expected");
          expect(r.matched, entries[i].id).toBe(false);
        }
        // The captures: one replay per NAT address (a capture carries no NAT; --nat gives it).
        const byNat = new Map<string, typeof entries>();
        for (const d of entries) {
          const nat = d.showing.flow.nat?.client.addr ?? "";
          byNat.set(nat, [...(byNat.get(nat) ?? []), d]);
        }
        for (const [nat, group] of byNat) {
          const pcaps = group.map((d) => join(saved, `${d.id}.pcap`));
          const args = ["replay", "--target", `cthelper:${name}`, "--helper", helper, "--json"];
          const r = helperfuzz([...args, ...(nat ? ["--nat", nat] : []), ...pcaps]);
          expect(r.code, r.stderr).toBe(1);
          const results = JSON.parse(r.stdout).results;
          expect(results).toHaveLength(group.length);
          for (const [i, result] of results.entries()) {
            const entry = group[i];
            const flow = entry.showing.flow;
            // The capture's flow is the showing flow (stream offsets, same bytes).
            const segments = result.flow.segments.map((s: { dir: string; base64: string }) => ({
              dir: s.dir,
              base64: s.base64,
            }));
            expect(segments, entry.id).toEqual(
              flow.segments.map((s) => ({
                dir: s.dir,
                base64: Buffer.from(s.data).toString("base64"),
              })),
            );
            // Compared with the reference, differing as the class says.
            expect(result.check, entry.id).toBe("reference");
            expect(result.matched, entry.id).toBe(false);
            const kernel = specTarget.run(flow);
            expect(knownDifferenceOf(known, flow, result.differences, kernel), entry.id).toBe(
              entry.id,
            );
          }
        }
      },
      300_000,
    );
  }

  it("check names a difference the file does not document and exits 1; with the file, 0", () => {
    const removed = "ftp-227-needs-parentheses";
    const copy = join(tmp, "without-227.jsonc");
    const doc = JSON.parse(readFileSync(CTHELPER_KNOWN_DIFFERENCES_FILE, "utf8"));
    doc.differences = doc.differences.filter((d: { id: string }) => d.id !== removed);
    writeFileSync(copy, JSON.stringify(doc));
    const run = (knownFile: string, findings: string) =>
      helperfuzz([
        "check",
        ...["--target", "cthelper:ftp", "ftp", "--property", "differential"],
        ...["--runs", "1500", "--seed", "11", "--workers", "1", "--no-replay-saved"],
        ...["--findings", join(tmp, findings), "--known-differences", knownFile],
      ]);
    const without = run(copy, "without");
    expect(without.code, without.stdout).toBe(1);
    expect(without.stdout).toMatch(/^1 new difference \(in no class of .*without-227\.jsonc\):$/m);
    expect(without.stdout).toMatch(/^ {2}ftp\/differential: saved as \S+\.json$/m);
    const finding = /saved as (\S+\.json)$/m.exec(without.stdout)![1];
    expect(existsSync(finding)).toBe(true);
    expect(readFileSync(finding, "utf8")).toMatch(/227 /);

    const whole = run(CTHELPER_KNOWN_DIFFERENCES_FILE, "whole");
    expect(whole.code, whole.stdout).toBe(0);
    expect(whole.stdout).toMatch(/^every difference found is documented$/m);
    expect(whole.stdout).toMatch(new RegExp(`^ {2}${removed} +plugin-bug \\(none\\) +\\d+ `, "m"));
  }, 600_000);

  it("check --known-differences none reports the known classes as findings", () => {
    const r = helperfuzz([
      "check",
      ...["--target", "cthelper:amanda", "amanda", "--property", "differential"],
      ...["--runs", "500", "--seed", "3", "--workers", "1", "--no-replay-saved"],
      ...["--findings", join(tmp, "none"), "--known-differences", "none"],
    ]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).not.toMatch(/^known differences/m);
    expect(r.stdout).toMatch(/^FAIL amanda\/differential on cthelper:amanda$/m);
  }, 300_000);
});
