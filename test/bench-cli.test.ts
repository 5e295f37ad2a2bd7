// The bench command's bad input (exit 2 before anything is timed), the command line of the
// gate's bench processes, the workloads' paths and the planted-slowdown wrapper. One test
// runs a single workload to check a child writes its figures; no test asserts on a timing.

import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { benchFlow, checkWorkload } from "../bench/core/drive.ts";
import { readFigures } from "../bench/core/figures-file.ts";
import { SEGMENT_SIZES } from "../bench/core/scaling.ts";
import { slowedHelper } from "../bench/core/slowdown.ts";
import { ftpBenchSuite } from "../bench/ftp.ts";
import { benchArgs } from "../harness/commands/bench.ts";
import { traceFlow } from "../helpers/core/driver.ts";
import type { HelperDefinition } from "../helpers/core/helper.ts";
import type { Trace } from "../helpers/core/model.ts";
import { outcomeDifferences } from "../helpers/core/outcome.ts";

const cli = join(import.meta.dirname, "..", "bin", "helperfuzz.mjs");
const tmp = mkdtempSync(join(tmpdir(), "helperfuzz-bench-"));

function bench(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, "bench", ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bench command: bad input exits 2 with a message", () => {
  it.each([
    [["gopher"], 'no benchmark suite for helper "gopher"'],
    [["ftp", "--workload", "nope"], 'unknown workload "nope"'],
    [["--plant-slowdown", "lots"], "--plant-slowdown needs a percentage"],
    [["--compare", "bench/baseline.json"], "--compare FILE was replaced"],
    [["--update-baseline"], "--update-baseline was removed"],
    [["--against", "no-such-revision-xyz"], "--against no-such-revision-xyz: no such commit"],
    [["--against", "--quick"], "--against needs a git revision"],
    [["--against", "HEAD", "--figures-out", "f.json"], "exclude each other"],
    [["ftp", "--rounds", "0"], "--rounds takes a whole number from 1 to"],
    [["--no-such-flag"], "--no-such-flag"],
  ])("%j", (args, message) => {
    const r = bench(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain("    at ");
  });
});

describe("the gate's bench processes", () => {
  it("repeat a run's command line: same helpers, mode, workloads and planted slowdown", () => {
    const args = benchArgs(["ftp", "irc"], {
      quick: true,
      scaling: true,
      spec: true,
      workload: ["commands", "chatter"],
      plantSlowdown: "30",
      figuresOut: "/tmp/f.json",
    });
    expect(args).toEqual([
      "bench",
      "ftp",
      "irc",
      "--quick",
      "--workload",
      "commands",
      "chatter",
      "--plant-slowdown",
      "30",
      "--figures-out",
      "/tmp/f.json",
    ]);
    expect(benchArgs([], { scaling: false, spec: false, rounds: "3" })).toEqual([
      "bench",
      "--no-scaling",
      "--no-spec",
      "--rounds",
      "3",
    ]);
  });

  it("a child run writes its figures for the gate to read, in the gate's short mode", () => {
    const file = join(tmp, "figures.json");
    const r = bench(
      "ftp",
      "--quick",
      "--workload",
      "commands",
      "--rounds",
      "3",
      "--no-spec",
      "--figures-out",
      file,
    );
    expect(r.code).toBe(0);
    const figures = readFigures(file).helpers;
    expect(Object.keys(figures)).toEqual(["ftp"]);
    expect(figures.ftp.commands.ratio).toBeGreaterThan(0);
    expect(figures.ftp.commands.rounds).toBe(3);
  });

  it("--help names the short mode's flags: the gate looks for them in a tree's help", () => {
    const r = bench("--help");
    expect(r.code).toBe(0);
    for (const flag of ["--against", "--rounds", "--no-spec", "--figures-out"]) {
      expect(r.stdout).toContain(flag);
    }
  });
});

describe("FTP workloads take the path they claim", () => {
  it.each(ftpBenchSuite.workloads.map((w) => [w.name, w] as const))("%s", (_name, workload) => {
    expect(() => checkWorkload(ftpBenchSuite, workload)).not.toThrow();
  });

  it("every scaling size", () => {
    for (const size of SEGMENT_SIZES) {
      for (const workload of ftpBenchSuite.sized(size)) {
        expect(workload.packets[0].data.length).toBe(size);
        expect(() => checkWorkload(ftpBenchSuite, workload)).not.toThrow();
      }
    }
  });

  it("the check catches a workload that claims a path it does not take", () => {
    const port = ftpBenchSuite.workloads.find((w) => w.name === "port")!;
    expect(() => checkWorkload(ftpBenchSuite, { ...port, expectationsPerCycle: 0 })).toThrow(
      /expectations/,
    );
  });
});

describe("planted slowdown", () => {
  function counting(helper: HelperDefinition) {
    const counter = { calls: 0 };
    return {
      counter,
      helper: {
        ...helper,
        process: (c, p) => {
          counter.calls++;
          return helper.process(c, p);
        },
      } as HelperDefinition,
    };
  }

  it("does 30% more helper calls and leaves verdicts, bytes and live expectations unchanged", () => {
    for (const workload of ftpBenchSuite.workloads.slice(0, 8)) {
      const flow = benchFlow(ftpBenchSuite, workload, Math.ceil(100 / workload.packets.length));
      const plain = counting(ftpBenchSuite.helper);
      const slowed = counting(ftpBenchSuite.helper);
      const expected = traceFlow(plain.helper, flow);
      const actual = traceFlow(slowedHelper(slowed.helper, 0.3), flow);
      // A repeat re-creates an identical expectation (recorded again); what is live after
      // each segment, the verdicts and the bytes stay the same.
      const segmentsOnly = (t: Trace) => ({ expectations: [], segments: t.outcome.segments });
      expect(outcomeDifferences(segmentsOnly(actual), segmentsOnly(expected))).toEqual([]);
      expect(actual.liveAfter).toEqual(expected.liveAfter);
      expect(slowed.counter.calls).toBe(
        plain.counter.calls + Math.floor(plain.counter.calls * 0.3 + 1e-9),
      );
    }
  });
});
