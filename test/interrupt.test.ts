// Ctrl-C, SIGTERM and SIGHUP of a campaign against a program that will not leave (it
// ignores end of input and the signals, and leaves children of its own, one detached):
// every process it started is gone afterwards, the output says "interrupted" with the
// partial table and the seed, and the exit code is 128 + the signal.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..");
const adapter = join(repo, "test", "programs", "stubborn-adapter.mjs");

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
}

/** Alive and not a zombie waiting for its parent. */
function alive(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function until(what: string, done: () => boolean, limitMs = 90_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function interruptCheck(mode: string, signal: NodeJS.Signals, flowsBeforeSignal: number) {
  const dir = mkdtempSync(join(tmpdir(), "hf-interrupt-"));
  const pids = join(dir, "pids");
  const flows = join(dir, "flows");
  const child = spawn(
    process.execPath,
    [
      join(repo, "bin", "helperfuzz.mjs"),
      "check",
      "--target",
      `cmd:node ${adapter} ${mode}`,
      "--property",
      "never-throws",
      "well-formed-outcome",
      "--runs",
      "100000",
      "--seed",
      "3",
      "--findings",
      join(dir, "findings"),
    ],
    {
      cwd: repo,
      env: { ...process.env, NO_COLOR: "1", PIDS_FILE: pids, FLOWS_FILE: flows },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.resume();
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("exit", (code, sig) => resolve({ code, signal: sig })),
  );
  try {
    await until(`${flowsBeforeSignal} flows`, () => lines(flows).length >= flowsBeforeSignal);
    child.kill(signal);
    const exit = await exited;
    const started = lines(pids).map(Number);
    // Two programs at least (the hello, the campaign's), three processes each.
    expect(started.length).toBeGreaterThanOrEqual(6);
    await until("the killed processes to be reaped", () => !started.some(alive), 10_000).catch(
      () => {},
    );
    return { exit, stdout, left: started.filter(alive) };
  } finally {
    child.kill("SIGKILL");
  }
}

describe("a stop signal during check", () => {
  it("SIGINT against a program that ignores end of input: all gone, partial table, seed, 130", async () => {
    const { exit, stdout, left } = await interruptCheck("answer", "SIGINT", 20);
    expect(left).toEqual([]);
    expect(exit.code).toBe(130);
    expect(stdout).toContain("interrupted by SIGINT");
    expect(stdout).toMatch(/ftp\/never-throws\s+\d+\/100000\s+interrupted/);
    expect(stdout).toMatch(/seed 3; to run it again: npx helperfuzz check --target .* --seed 3/);
    expect(stdout).not.toContain("properties held");
  }, 120_000);

  it("SIGTERM against a program spinning in a busy loop: all gone, 143", async () => {
    const { exit, stdout, left } = await interruptCheck("spin", "SIGTERM", 1);
    expect(left).toEqual([]);
    expect(exit.code).toBe(143);
    expect(stdout).toContain("interrupted by SIGTERM");
    expect(stdout).toMatch(/ftp\/never-throws\s+\d+\/100000\s+interrupted/);
    expect(stdout).toContain("seed 3");
  }, 120_000);

  it("SIGHUP: all gone, 129", async () => {
    const { exit, stdout, left } = await interruptCheck("answer", "SIGHUP", 5);
    expect(left).toEqual([]);
    expect(exit.code).toBe(129);
    expect(stdout).toContain("interrupted by SIGHUP");
  }, 120_000);
});
