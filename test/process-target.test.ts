// A misbehaving process target is a finding, never a harness crash: each misbehaviour of a
// small adapter is reported with the flow that caused it (shrunk when it reproduces), the
// property run ends, and no child process is left behind.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkProperty } from "../harness/runner.ts";
import { openProcessTarget, type ProcessTarget } from "../harness/targets/process-target.ts";
import { subjectFor } from "../properties/core/subject.ts";
import { ftpProperties } from "../properties/ftp/index.ts";

const dir = mkdtempSync(join(tmpdir(), "helperfuzz-process-"));
const pidLog = join(dir, "pids");
writeFileSync(pidLog, "");

// Echoes every segment, no expectations; misbehaves in MODE on flows of 3+ segments, so a
// reproducing misbehaviour shrinks to exactly 3 segments. Logs its pid for the clean-end check.
const adapter = join(dir, "adapter.mjs");
writeFileSync(
  adapter,
  `import { appendFileSync } from "node:fs";
import { createInterface } from "node:readline";
appendFileSync(${JSON.stringify(pidLog)}, process.pid + "\\n");
const mode = process.argv[2];
const kept = [];
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  if (request.op === "hello") { console.log(JSON.stringify({ ok: true, helpers: ["ftp"] })); continue; }
  const segments = request.flow.segments;
  const outcome = { expectations: [], segments: segments.map((s) => ({ verdict: "accept", seq: s.seq, data: s.data })) };
  const reply = () => JSON.stringify({ id: request.id, outcome });
  if (mode === "leak") kept.push(Buffer.alloc(4 << 20, 1));
  if (segments.length >= 3) {
    if (mode === "exit") process.exit(3);
    if (mode === "throw") throw new Error("adapter bug");
    if (mode === "hang") continue;
    if (mode === "garbage") { console.log("<html>oops</html>"); continue; }
    if (mode === "wrong-id") { console.log(JSON.stringify({ id: request.id + 1, outcome })); continue; }
    if (mode === "too-many") outcome.segments.push(outcome.segments[0]);
    if (mode === "too-few") outcome.segments.pop();
    if (mode === "twice") { process.stdout.write(reply() + "\\n" + reply() + "\\n"); continue; }
  }
  console.log(reply());
}
`,
);

const wellFormed = ftpProperties.find((p) => p.name === "well-formed-outcome")!;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function loggedPids(): number[] {
  return readFileSync(pidLog, "utf8").split("\n").filter(Boolean).map(Number);
}

const opened: ProcessTarget[] = [];
function open(mode: string, options = {}): ProcessTarget {
  const target = openProcessTarget(`node ${adapter} ${mode}`, { flowTimeoutMs: 400, ...options });
  opened.push(target);
  return target;
}

afterAll(async () => {
  for (const t of opened) await t.close();
});

const misbehaviours: [string, RegExp][] = [
  ["exit", /target misbehaved: exited: exit code 3 before answering request \d+/],
  ["throw", /target misbehaved: exited: exit code 1 .*stderr ends: .*adapter bug/s],
  ["hang", /target misbehaved: hung: no reply to request \d+ within 400 ms/],
  ["garbage", /target misbehaved: wrote garbage: its flow reply is not JSON: <html>oops/],
  ["wrong-id", /target misbehaved: answered the wrong id: request (\d+) was answered with id/],
  ["too-many", /target misbehaved: answered too many segments: 4 segment outcomes for 3 input/],
  ["too-few", /target misbehaved: answered too few segments: 2 segment outcomes for 3 input/],
  ["twice", /target misbehaved: answered more than once/],
];

describe("a misbehaving process target", () => {
  it.each(misbehaviours)(
    "%s: a finding with the shrunk flow, then a clean end",
    async (mode, message) => {
      const target = open(mode);
      const result = checkProperty(wellFormed, subjectFor("ftp", target), {
        numRuns: 200,
        seed: 11,
      });
      expect(result.failure?.message).toMatch(message);
      // The misbehaviour reproduces, so the flow shrinks to the smallest that triggers it.
      expect(result.failure!.flow.segments.length).toBe(3);
      // After the misbehaviour the program was restarted and answers again.
      expect(target.starts).toBeGreaterThan(1);
      const shortFlow = {
        ...result.failure!.flow,
        segments: result.failure!.flow.segments.slice(0, 1),
      };
      expect(target.run(shortFlow).segments.length).toBe(1);
      await target.close();
      expect(loggedPids().filter(alive)).toEqual([]);
    },
  );

  it("leaking memory across flows is a finding, reported on the flow that crossed the line", async () => {
    const target = open("leak", {
      leakRule: { warmupFlows: 3, sampleEvery: 1, minGrowthBytes: 24 << 20, bytesPerFlow: 1 << 20 },
    });
    const result = checkProperty(wellFormed, subjectFor("ftp", target), { numRuns: 100, seed: 11 });
    expect(result.failure?.message).toMatch(
      /target misbehaved: leaked memory: resident memory grew from/,
    );
    expect(result.runs).toBeLessThan(30);
    await target.close();
    expect(loggedPids().filter(alive)).toEqual([]);
  });

  it("a well-behaved adapter passes and keeps one process", async () => {
    const target = open("none");
    const result = checkProperty(wellFormed, subjectFor("ftp", target), { numRuns: 300, seed: 11 });
    expect(result.failure).toBeUndefined();
    expect(result.runs).toBe(300);
    expect(target.starts).toBe(1);
    const pid = target.pid!;
    expect(alive(pid)).toBe(true);
    await target.close();
    expect(alive(pid)).toBe(false);
  });
});
