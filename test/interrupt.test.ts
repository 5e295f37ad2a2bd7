// Ctrl-C, SIGTERM and SIGHUP of a campaign against a program that will not leave (it
// ignores end of input and the signals, and leaves children of its own, one detached):
// every process it started is gone afterwards, the output says "interrupted" with the
// partial table and the seed, and the exit code is 128 + the signal.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kernelAvailability } from "../harness/kernel/target.ts";

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

interface Interrupted {
  exit: { code: number | null; signal: string | null };
  stdout: string;
  /** Processes it had started that are still alive after it exited. */
  left: number[];
}

/** Runs the CLI, sends `signal` once `ready(dir, stdout)` is true, and returns what is left. */
async function interruptCli(
  args: (dir: string) => string[],
  ready: (dir: string, stdout: string) => boolean,
  signal: NodeJS.Signals,
  started: (dir: string, pid: number) => number[],
): Promise<Interrupted> {
  const dir = mkdtempSync(join(tmpdir(), "hf-interrupt-"));
  const child = spawn(process.execPath, [join(repo, "bin", "helperfuzz.mjs"), ...args(dir)], {
    cwd: repo,
    env: {
      ...process.env,
      NO_COLOR: "1",
      PIDS_FILE: join(dir, "pids"),
      FLOWS_FILE: join(dir, "flows"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.resume();
  const exited = new Promise<Interrupted["exit"]>((resolve) =>
    child.on("exit", (code, sig) => resolve({ code, signal: sig })),
  );
  try {
    await until("the moment to interrupt", () => ready(dir, stdout));
    const pids = started(dir, child.pid!);
    child.kill(signal);
    const exit = await exited;
    await until("the killed processes to be reaped", () => !pids.some(alive), 10_000).catch(
      () => {},
    );
    return { exit, stdout, left: pids.filter(alive) };
  } finally {
    child.kill("SIGKILL");
  }
}

/** Every pid the stubborn adapter wrote down: two programs at least (the hello, the
 * campaign's), three processes each. */
function adapterPids(dir: string): number[] {
  const pids = lines(join(dir, "pids")).map(Number);
  expect(pids.length).toBeGreaterThanOrEqual(3);
  return pids;
}

function interruptCheck(mode: string, signal: NodeJS.Signals, flowsBeforeSignal: number) {
  return interruptCli(
    (dir) => [
      "check",
      "--target",
      `cmd:node ${adapter} ${mode}`,
      "--property",
      "never-throws,well-formed-outcome",
      "--runs",
      "100000",
      "--seed",
      "3",
      "--findings",
      join(dir, "findings"),
    ],
    (dir) => lines(join(dir, "flows")).length >= flowsBeforeSignal,
    signal,
    (dir) => {
      const pids = adapterPids(dir);
      expect(pids.length).toBeGreaterThanOrEqual(6);
      return pids;
    },
  );
}

/** The pids of a process's children and theirs (all threads). */
function descendants(pid: number): number[] {
  const found: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8");
      for (const child of children.split(" ").filter(Boolean).map(Number)) {
        found.push(child, ...descendants(child));
      }
    } catch {
      // The thread ended while we looked.
    }
  }
  return found;
}

describe("a stop signal during check", () => {
  it("SIGINT against a program that ignores end of input: all gone, partial table, seed, 130", async () => {
    const { exit, stdout, left } = await interruptCheck("answer", "SIGINT", 20);
    expect(left).toEqual([]);
    expect(exit.code).toBe(130);
    expect(stdout).toContain("interrupted by SIGINT");
    expect(stdout).toMatch(/ftp\/never-throws\s+\d+\/100000\s+interrupted/);
    expect(stdout).toMatch(/seed 3; to run it again: npx helperfuzz check --target .* --seed 3/);
    expect(stdout).not.toMatch(/propert(y|ies) held/);
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

describe("a stop signal during replay", () => {
  it("SIGINT while the program spins on a case: all gone, 130, how far it got", async () => {
    const { exit, stdout, left } = await interruptCli(
      (dir) => {
        const file = join(dir, "case.json");
        writeFileSync(
          file,
          JSON.stringify({
            name: "one PORT",
            property: "corpus",
            flow: {
              helper: "ftp",
              l4: "tcp",
              client: { addr: "192.0.2.1", port: 40000 },
              server: { addr: "192.0.2.2", port: 21 },
              segments: [{ dir: "orig", seq: 0, text: "PORT 192,0,2,1,4,1\r\n" }],
            },
          }),
        );
        return ["replay", file, "--target", `cmd:node ${adapter} spin`];
      },
      (dir) => lines(join(dir, "flows")).length >= 1,
      "SIGINT",
      adapterPids,
    );
    expect(left).toEqual([]);
    expect(exit.code).toBe(130);
    // The signal is handled once the blocking exchange ends: the case has its result (the
    // program hung: a finding shown like a failing property), then the run stops.
    expect(stdout).toContain("interrupted by SIGINT after 1 of 1 inputs");
  }, 120_000);
});

const kernel = await kernelAvailability();

describe.skipIf(!kernel.ok)("a stop signal during conform", () => {
  it("SIGINT: the kernel agents are gone, the seed is printed, 130", async () => {
    const { exit, stdout, left } = await interruptCli(
      (dir) => ["conform", "ftp", "--runs", "100000", "--seed", "4", "--findings", dir],
      (_dir, out) => out.includes("conform: seed 4"),
      "SIGINT",
      (_dir, pid) => {
        const pids = descendants(pid);
        expect(pids.length).toBeGreaterThan(0);
        return pids;
      },
    );
    expect(left).toEqual([]);
    expect(exit.code).toBe(130);
    expect(stdout).toMatch(/interrupted by SIGINT during ftp; .*seed 4/);
  }, 120_000);
});
