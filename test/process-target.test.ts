// A misbehaving process target is a finding, never a harness crash: each misbehaviour of a
// small adapter is reported with the flow that caused it (shrunk when it reproduces), the
// property run ends, and no child process is left behind.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkProperty } from "../harness/runner.ts";
import { TargetMisbehaviour } from "../harness/targets/misbehaviour.ts";
import { openProcessTarget, type ProcessTarget } from "../harness/targets/process-target.ts";
import { HarnessError } from "../harness/usage.ts";
import type { Flow } from "../helpers/core/model.ts";
import { subjectFor } from "../properties/core/subject.ts";
import { ftpProperties } from "../properties/ftp/index.ts";
import { fakeChannelWorker } from "./support/fake-channel-worker.ts";

const dir = mkdtempSync(join(tmpdir(), "helperfuzz-process-"));
const pidLog = join(dir, "pids");
writeFileSync(pidLog, "");

// Echoes every segment, no expectations; misbehaves in MODE on flows of 3+ segments, so a
// reproducing misbehaviour shrinks to exactly 3 segments. Logs its pid for the clean-end check.
const adapter = join(dir, "adapter.mjs");
writeFileSync(
  adapter,
  `import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
appendFileSync(${JSON.stringify(pidLog)}, process.pid + "\\n");
const mode = process.argv[2];
const marker = process.argv[3];
const kept = [];
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  if (request.op === "hello") { console.log(JSON.stringify({ ok: true, helpers: ["ftp"] })); continue; }
  const segments = request.flow.segments;
  const outcome = { expectations: [], segments: segments.map((s) => ({ verdict: "accept", seq: s.seq, data: s.data })) };
  const reply = () => JSON.stringify({ id: request.id, outcome });
  if (mode === "leak") kept.push(Buffer.alloc(4 << 20, 1));
  // Late once (as a correct program under load can be): the first flow it ever sees.
  if (mode === "slow-once" && !existsSync(marker)) {
    writeFileSync(marker, "");
    setTimeout(() => console.log(reply()), 1500);
    continue;
  }
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
  [
    "hang",
    /target misbehaved: hung: no reply to request \d+ within 400 ms, nor from a fresh program to the same flow \(request \d+\) within 400 ms/,
  ],
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
      // A hang costs flow + confirm timeout per shrink step: keep the confirmation short.
      const target = open(mode, { confirmTimeoutMs: 400 });
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
    // A flow answered late under load is asked again of a fresh program, never a finding.
    expect(target.starts).toBe(1 + target.stats.lateAnswersForgiven);
    const pid = target.pid!;
    expect(alive(pid)).toBe(true);
    await target.close();
    expect(alive(pid)).toBe(false);
  });
});

const oneSegmentFlow: Flow = {
  helper: "ftp",
  l4: "tcp",
  client: { addr: "198.18.0.2", port: 40000 },
  server: { addr: "203.0.113.5", port: 21 },
  segments: [{ dir: "orig", seq: 0, data: new TextEncoder().encode("USER a\r\n") }],
};

describe("whose fault: the program's or the harness's", () => {
  it("a flow answered just too late is asked again of a fresh program, and is no finding", () => {
    // Before: a correct program that missed the flow timeout once under load was "hung".
    const target = open(`slow-once ${join(dir, "slow-once-marker")}`);
    const outcome = target.run(oneSegmentFlow);
    expect(outcome.segments).toHaveLength(1);
    expect(target.stats.lateAnswersForgiven).toBe(1);
    expect(target.starts).toBe(2);
    // And the conversation is in step afterwards.
    expect(target.run(oneSegmentFlow).segments).toHaveLength(1);
  });

  it("a worker thread that stops answering is the harness's error after 2 retries, never a misbehaviour", async () => {
    // Before: "target misbehaved: could not be talked to: worker-error: ..." was a finding.
    const worker = fakeChannelWorker(
      dir,
      "stalls-on-flows.mjs",
      `if (message.line.includes('"op":"hello"')) return { kind: "line", line: '{"ok":true,"helpers":["ftp"]}', trailing: false };
  await sleep(60_000);`,
    );
    const target = openProcessTarget("fake-program", {
      flowTimeoutMs: 50,
      channel: { workerUrl: worker, workerMarginMs: 100 },
    });
    opened.push(target);
    let thrown: unknown;
    try {
      target.run(oneSegmentFlow);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HarnessError);
    expect(thrown).not.toBeInstanceOf(TargetMisbehaviour);
    expect((thrown as Error).message).toMatch(
      /^the harness could not talk to cmd:fake-program: the worker thread did not answer its "exchange" request within 150 ms; the program was ended and the channel's worker replaced \(3 tries, each starting the program afresh\)\. This is trouble of the harness or the machine, not a finding against the program\.$/,
    );
    expect(target.stats).toMatchObject({ workerRestarts: 3, harnessRetries: 2 });
    expect(target.pid).toBeNull();
    await target.close();
  });

  it("a spawn the machine refuses (EMFILE) is the harness's error, and the next flow runs once it passes", () => {
    // Before: "target misbehaved: could not be started: spawn EMFILE" was a finding.
    const script = join(dir, "emfile.mts");
    const harness = (path: string) => JSON.stringify(join(import.meta.dirname, "..", path));
    writeFileSync(
      script,
      `import { closeSync, openSync } from "node:fs";
import { openProcessTarget } from ${harness("harness/targets/process-target.ts")};
import { HarnessError } from ${harness("harness/usage.ts")};
const flow = (n: number) => ({ ...${JSON.stringify({ ...oneSegmentFlow, segments: [] })}, segments: Array.from({ length: n }, () => ({ dir: "orig", seq: 0, data: new Uint8Array() })) });
const target = openProcessTarget(${JSON.stringify(`node ${adapter} exit`)});
const report: Record<string, unknown> = {};
try { target.run(flow(3)); } catch (error) { report.first = (error as Error).message; }
// The program is gone; its restart now meets a process with no file descriptor to spare.
const held: number[] = [];
try { for (let i = 0; i < 100_000; i++) held.push(openSync("/dev/null", "r")); } catch {}
try { target.run(flow(1)); } catch (error) {
  report.harness = error instanceof HarnessError;
  report.message = (error as Error).message;
}
for (const fd of held) closeSync(fd);
report.after = target.run(flow(1)).segments.length;
await target.close();
console.log(JSON.stringify(report));
`,
    );
    const result = spawnSync(
      "sh",
      ["-c", 'ulimit -n 256 && exec "$0" --import tsx "$1"', process.execPath, script],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout);
    expect(report.first).toMatch(/target misbehaved: exited: exit code 3/);
    expect(report.harness).toBe(true);
    expect(report.message).toMatch(
      /could not talk to cmd:node .*: the machine refused to start the program: spawn node EMFILE \(3 tries, each starting the program afresh/,
    );
    expect(report.after).toBe(1);
  });
});
