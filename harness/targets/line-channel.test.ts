// The line channel cannot fall out of step, whatever its worker thread or the program's
// leftovers do. Each test plants one root cause of the false findings of issue 10 (a late
// reply, a wake-up meant for an earlier request, output of a program already stopped, an
// exit seen before the program's last output) and asserts every request gets its own answer.

import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fakeChannelWorker } from "../../test/support/fake-channel-worker.ts";
import { SyncLineChannel } from "./line-channel.ts";

const dir = mkdtempSync(join(tmpdir(), "helperfuzz-channel-"));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function fakeWorker(name: string, fault: string): URL {
  return fakeChannelWorker(dir, name, fault);
}

const opened: SyncLineChannel[] = [];
function channel(options: ConstructorParameters<typeof SyncLineChannel>[0] = {}): SyncLineChannel {
  const c = new SyncLineChannel(options);
  opened.push(c);
  return c;
}

afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
});

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe("the line channel's own faults", () => {
  it("a reply that comes after the main thread gave up is never the answer to the next request", () => {
    // Before: replies carried no tag, so "slow" answered the request after it, and every
    // later answer was one step behind.
    const c = channel({
      workerMarginMs: 100,
      workerUrl: fakeWorker("late-reply.mjs", `if (message.line === "slow") await sleep(600);`),
    });
    expect(c.start("ignored", [], {}).kind).toBe("started");
    const late = c.exchange("slow", 10);
    expect(late.kind).toBe("worker-error");
    sleepSync(800);
    // The next requests get their own answers (the channel started again, with a new worker).
    expect(c.start("ignored", [], {}).kind).toBe("started");
    expect(c.exchange("b", 1000)).toEqual({ kind: "line", line: "b", trailing: false });
    expect(c.exchange("c", 1000)).toEqual({ kind: "line", line: "c", trailing: false });
    expect(late.kind === "worker-error" && late.message).toMatch(
      /did not answer its "exchange" request within 110 ms; the program was ended and the channel's worker replaced/,
    );
    expect(c.stats.workerRestarts).toBe(1);
  });

  it("a wake-up meant for an earlier request does not end the wait for this one", () => {
    // The worker can be descheduled between storing "answered" and notifying: the late
    // notify then lands in the next request's wait. Before, that wait ended with no reply
    // on the port ("the process worker did not answer") and the channel fell one behind.
    // This worker sends exactly that late notify, then answers after 100 ms.
    const c = channel({
      workerUrl: fakeWorker(
        "late-notify.mjs",
        `if (requests > 2) { Atomics.notify(shared, 0); await sleep(100); }`,
      ),
    });
    expect(c.start("ignored", [], {}).kind).toBe("started");
    for (const line of ["a", "b", "c", "d"]) {
      expect(c.exchange(line, 1000)).toEqual({ kind: "line", line, trailing: false });
    }
    expect(c.stats).toEqual({ workerRestarts: 0, staleReplies: 0 });
  });

  it("a reply tagged for another request is discarded and the worker is no longer trusted", () => {
    const c = channel({
      workerUrl: fakeWorker(
        "wrong-tag.mjs",
        `if (message.line === "x") { port.postMessage({ kind: "line", line: "for another", trailing: false, tag: message.tag + 7 }); }`,
      ),
    });
    expect(c.start("ignored", [], {}).kind).toBe("started");
    const event = c.exchange("x", 1000);
    expect(event).toMatchObject({ kind: "worker-error" });
    expect(c.start("ignored", [], {}).kind).toBe("started");
    expect(c.exchange("y", 1000)).toEqual({ kind: "line", line: "y", trailing: false });
    expect(event.kind === "worker-error" && event.message).toMatch(/out of step/);
    expect(c.stats).toEqual({ workerRestarts: 1, staleReplies: 1 });
  });
});

describe("the line channel and the program's leftovers", () => {
  // Echoes each line; with "leave-writer" it first leaves behind a process of its own
  // session (out of reach of the group kill) that writes to the same stdout later.
  const echo = file(
    "echo.mjs",
    `import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
if (process.argv[2] === "leave-writer") {
  spawn("sh", ["-c", "sleep 0.3; touch " + process.argv[3] + "; echo stale"], {
    detached: true, stdio: ["ignore", "inherit", "ignore"],
  }).unref();
}
for await (const line of createInterface({ input: process.stdin })) console.log(line);
`,
  );

  it("output written to a stopped program's stdout never reaches the next program's answers", () => {
    // Before: every child's stdout fed one shared buffer, so "stale" arrived as a line
    // "nobody asked for" from the next program ("answered more than once", or a failed hello).
    const marker = join(dir, "stale-written");
    const c = channel();
    expect(c.start(process.execPath, [echo, "leave-writer", marker], process.env).kind).toBe(
      "started",
    );
    expect(c.exchange("a", 5000)).toMatchObject({ kind: "line", line: "a" });
    c.stop();
    expect(c.start(process.execPath, [echo], process.env).kind).toBe("started");
    expect(c.exchange("b", 5000)).toMatchObject({ kind: "line", line: "b" });
    for (let waited = 0; !existsSync(marker) && waited < 10_000; waited += 50) sleepSync(50);
    expect(existsSync(marker)).toBe(true);
    sleepSync(300);
    expect(c.exchange("c", 5000)).toEqual({ kind: "line", line: "c", trailing: false });
  });

  it("a program's exit is reported only after the output it left is read", () => {
    // Before: the exit was reported 50 ms after the exit event whether or not the output
    // had arrived, so a reply still in flight (here: written by its child 200 ms later)
    // became "exited before answering".
    const exitsEarly = file(
      "exits-early.mjs",
      `import { spawn } from "node:child_process";
process.stdin.once("data", () => {
  spawn("sh", ["-c", "sleep 0.2; echo reply"], { stdio: ["ignore", "inherit", "ignore"] });
  process.exit(0);
});
`,
    );
    const c = channel();
    expect(c.start(process.execPath, [exitsEarly], process.env).kind).toBe("started");
    expect(c.exchange("go", 5000)).toMatchObject({ kind: "line", line: "reply" });
    expect(c.exchange("again", 5000)).toMatchObject({ kind: "exit", code: 0 });
  });

  it("a program that exited while a grandchild holds its output is an exit, not a hang", () => {
    // The grandchild keeps stdout open 0.6 s after the reply: the next request is written to
    // a program already gone, whose stdin neither drains nor sees another exit event.
    const gone = file(
      "gone-before-output-closes.mjs",
      `import { spawn } from "node:child_process";
process.stdin.once("data", () => {
  spawn("sh", ["-c", "echo reply; sleep 0.6"], { stdio: ["ignore", "inherit", "ignore"] });
  process.exit(0);
});
`,
    );
    const c = channel();
    expect(c.start(process.execPath, [gone], process.env).kind).toBe("started");
    expect(c.exchange("go", 5000)).toMatchObject({ kind: "line", line: "reply" });
    expect(c.exchange("again", 20_000)).toMatchObject({ kind: "exit", code: 0 });
  });
});
