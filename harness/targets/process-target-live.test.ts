// Protocol 2 through a real child process: a v2 program's live sets become a trace (so the
// live-set properties run on it), a v1 program has none, and each way a v2 program can get
// the live sets or its version wrong is a named misbehaviour.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Flow } from "../../helpers/core/model.ts";
import { propertyNamed } from "../../properties/core/planted-bug-suite.ts";
import { subjectFor } from "../../properties/core/subject.ts";
import { ftpKit, ftpProperties } from "../../properties/ftp/index.ts";
import { checkProperty } from "../runner.ts";
import { builtinTarget } from "./in-process.ts";
import { openProcessTarget, type ProcessTarget } from "./process-target.ts";

const repo = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "helperfuzz-live-"));
const starts = join(dir, "starts");

// Answers with the built-in FTP helper. MODE: v1 | v2 | no-live (says 2, sends no live) |
// v3 | flip (v2 at its first start, v1 after; exits on a flow of 3+ segments).
const adapter = join(dir, "adapter.mjs");
writeFileSync(
  adapter,
  `import { appendFileSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
const { builtinTarget } = await import(${JSON.stringify(join(repo, "harness/targets/in-process.ts"))});
const mode = process.argv[2];
appendFileSync(${JSON.stringify(starts)}, "x");
const first = readFileSync(${JSON.stringify(starts)}, "utf8").length === 1;
const version = { v1: 1, v2: 2, "no-live": 2, v3: 3, flip: first ? 2 : 1 }[mode];
const b64 = (bytes) => Buffer.from(bytes).toString("base64");
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  if (request.op === "hello") {
    console.log(JSON.stringify({ ok: true, version, helpers: ["ftp"] }));
    continue;
  }
  if (mode === "flip" && request.flow.segments.length >= 3) process.exit(4);
  const flow = { ...request.flow, segments: request.flow.segments.map((s) => ({ ...s, data: Buffer.from(s.data, "base64") })) };
  const { outcome, liveAfter } = builtinTarget.trace(flow);
  const segments = outcome.segments.map((s, i) => ({
    verdict: s.verdict, seq: s.seq, data: b64(s.data),
    ...(version === 2 && mode !== "no-live" ? { live: liveAfter[i] } : {}),
  }));
  console.log(JSON.stringify({ id: request.id, outcome: { expectations: outcome.expectations, segments } }));
}
`,
);

const opened: ProcessTarget[] = [];
function open(mode: string): ProcessTarget {
  writeFileSync(starts, "");
  const target = openProcessTarget(`node --import tsx ${adapter} ${mode}`, { cwd: repo });
  opened.push(target);
  return target;
}

afterAll(async () => {
  for (const t of opened) await t.close();
});

const text = (t: string) => new TextEncoder().encode(t);
const threeSegments: Flow = {
  helper: "ftp",
  l4: "tcp",
  client: { addr: "198.18.1.2", port: 40000 },
  server: { addr: "198.19.1.2", port: 21 },
  segments: [
    { dir: "orig", data: text("USER a\r\n") },
    { dir: "orig", data: text("PORT 198,18,1,2,39,16\r\n") },
    { dir: "orig", data: text("PORT 198,18,1,2,39,17\r\n") },
  ],
};

const maxLive = propertyNamed(ftpProperties, "max-live-expectations");
const liveMatch = propertyNamed(ftpProperties, "live-expectations-match");

describe("a protocol 2 program", () => {
  it("shows the live sets it reported, and the live-set properties run and hold", () => {
    const target = open("v2");
    expect(target.trace).toBeDefined();
    // The second PORT evicts the first (FTP's max_expected 1).
    expect(target.trace!(threeSegments).liveAfter.map((live) => live.map((e) => e.dport))).toEqual([
      [],
      [10000],
      [10001],
    ]);
    for (const flow of fc.sample(ftpKit.flows, { numRuns: 40, seed: 3 })) {
      expect(target.trace!(flow)).toEqual(builtinTarget.trace!(flow));
    }
    for (const property of [maxLive, liveMatch]) {
      const result = checkProperty(property, subjectFor("ftp", target), { numRuns: 300, seed: 5 });
      expect(result.skipped).toBeUndefined();
      expect(result.failure?.message).toBeUndefined();
      expect(result.runs).toBe(300);
    }
  });

  it("that leaves out a live set has answered a malformed outcome", () => {
    const target = open("no-live");
    expect(() => target.trace!(threeSegments)).toThrow(
      /answered a malformed outcome: segments\[0\]\.live must be an array \(protocol 2\)/,
    );
  });

  it("that answers version 1 after a restart has changed its protocol version", () => {
    const target = open("flip");
    expect(() => target.trace!(threeSegments)).toThrow(/exited: exit code 4/);
    const oneSegment = { ...threeSegments, segments: threeSegments.segments.slice(0, 1) };
    expect(() => target.trace!(oneSegment)).toThrow(
      /changed its protocol version: it answered version 1 after a restart, version 2 before/,
    );
    expect(target.starts).toBe(2);
  });
});

describe("a protocol 1 program", () => {
  it("has no trace: the live-set properties are skipped with the reason", () => {
    const target = open("v1");
    expect(target.trace).toBeUndefined();
    for (const property of [maxLive, liveMatch]) {
      const result = checkProperty(property, subjectFor("ftp", target), { numRuns: 10, seed: 5 });
      expect(result.skipped).toMatch(/cannot show its live expectations/);
    }
  });
});

it("a program answering a version helperfuzz did not offer is refused at the start", () => {
  expect(() => open("v3")).toThrow(
    /speaks another protocol version: it answered version 3, helperfuzz speaks 1 and 2/,
  );
});
