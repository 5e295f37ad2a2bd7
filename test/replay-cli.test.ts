// `helperfuzz replay` and `helperfuzz capture` end to end: --nat, --server-side, --json,
// directories, unreadable inputs beside good ones, the N-of-M summary, capture → corpus.

import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCase } from "../harness/corpus.ts";
import { flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import { builtinTarget } from "../harness/targets/in-process.ts";

const bin = join(import.meta.dirname, "..", "bin", "helperfuzz.mjs");
const F19 = join(import.meta.dirname, "..", "corpus", "ftp", "f19-port-nat.json");
const dir = mkdtempSync(join(tmpdir(), "hf-replay-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function helperfuzz(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const decode = (base64: string) => Buffer.from(base64, "base64").toString("latin1");
const clientPcap = join(dir, "f19.pcap");
const serverPcap = join(dir, "f19.server.pcap");
const badServerPcap = join(dir, "f19-bad.server.pcap");
const wrongCase = join(dir, "wrong.json");

beforeAll(() => {
  const { flow } = loadCase(F19);
  const outcome = builtinTarget.run(flow);
  writeFileSync(clientPcap, flowToPcap(flow, outcome));
  writeFileSync(serverPcap, flowToPcap(flow, outcome, { side: "server" }));
  // A box that writes the NAT address's last octet wrong (same length: nothing else moves).
  const segments = outcome.segments.map((s, i) =>
    i === 5 ? { ...s, data: new TextEncoder().encode("PORT 198,51,100,9,4,1\r\n") } : s,
  );
  writeFileSync(badServerPcap, flowToPcap(flow, { ...outcome, segments }, { side: "server" }));
  const long = `NOOP ${"x".repeat(100)}\r\n`;
  writeFileSync(
    wrongCase,
    JSON.stringify({
      name: "PORT claimed to create nothing",
      property: "corpus",
      flow: {
        helper: "ftp",
        l4: "tcp",
        client: { addr: "10.0.0.2", port: 40000 },
        server: { addr: "203.0.113.5", port: 21 },
        segments: [
          { dir: "orig", text: long },
          { dir: "orig", text: "PORT 10,0,0,2,4,1\r\n" },
        ],
      },
      expected: { expectations: [], segments: [{ verdict: "accept" }, { verdict: "accept" }] },
    }),
  );
});

describe("replay --nat", () => {
  it("replays a capture taken behind a NAT with the rewrite the NAT address calls for", () => {
    const plain = JSON.parse(helperfuzz("replay", clientPcap, "--json").stdout);
    expect(decode(plain.results[0].outcome.segments[5].base64)).toBe("PORT 10,0,0,2,4,1\r\n");
    const r = helperfuzz("replay", clientPcap, "--nat", "198.51.100.1", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.results[0].flow.nat).toBe("198.51.100.1");
    expect(decode(doc.results[0].outcome.segments[5].base64)).toBe("PORT 198,51,100,1,4,1\r\n");
    expect(doc.results[0].outcome.segments[7].seq).toBe(52);
    expect(doc.results[0].outcome.expectations[0].dst).toBe("198.51.100.1");
  });

  it("refuses an address that is not one, and one of the other family", () => {
    const bad = helperfuzz("replay", clientPcap, "--nat", "nat-box");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--nat needs an IPv4 or IPv6 address, got "nat-box"');
    const v6 = helperfuzz("replay", clientPcap, "--nat", "2001:db8::1");
    expect(v6.code).toBe(2);
    expect(v6.stderr).toContain("f19.pcap");
    expect(v6.stderr).not.toContain("    at ");
  });
});

describe("replay --config", () => {
  it("gives a capture's flows the helper options, and refuses what is not a JSON object", () => {
    const doc = JSON.parse(
      helperfuzz("replay", clientPcap, "--config", '{"loose":true}', "--json").stdout,
    );
    expect(doc.results[0].flow.config).toEqual({ loose: true });
    const r = helperfuzz("replay", clientPcap, "--config", "[1]");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--config needs a JSON object of helper options");
  });
});

describe("replay --server-side", () => {
  it("agrees with a pair of the model's own captures and says so", () => {
    const r = helperfuzz("replay", clientPcap, "--server-side", serverPcap);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("NAT address 198.51.100.1 (from the server side)");
    expect(r.stdout).toContain("the box agrees with builtin on all 12 segments");
    expect(r.stdout).toContain("1 of 1 matched");
  });

  it("names the segment and both byte strings, in text and in JSON", () => {
    const r = helperfuzz("replay", clientPcap, "--server-side", badServerPcap);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/#5 orig {2}client frame 9 → server frame 9 .* differs/);
    expect(r.stdout).toContain(
      'bytes differ from byte 16: model "PORT 198,51,100,1,4,1\\r\\n" (23 bytes), box "PORT 198,51,100,9,4,1\\r\\n" (23 bytes)',
    );
    expect(r.stdout).toContain("the box differs from builtin on 1 of 12 segments");
    const doc = JSON.parse(
      helperfuzz("replay", clientPcap, "--server-side", badServerPcap, "--json").stdout,
    );
    const [result] = doc.results;
    expect(result.kind).toBe("two-sided");
    expect(result.matched).toBe(false);
    const differing = result.segments.filter(
      (s: { differences: unknown[] }) => s.differences.length > 0,
    );
    expect(differing.map((s: { index: number }) => s.index)).toEqual([5]);
    const [d] = differing[0].differences;
    expect([d.field, decode(d.model), decode(d.box), d.firstDifferentByte]).toEqual([
      "data",
      "PORT 198,51,100,1,4,1\r\n",
      "PORT 198,51,100,9,4,1\r\n",
      16,
    ]);
    expect(differing[0].box).toMatchObject({ capture: "server", frame: 9, seq: 29, ack: 77 });
    expect(doc.summary).toEqual({ matched: 0, total: 1, problems: 0 });
  });

  it("names the server-side capture when it is the broken one", () => {
    const truncated = join(dir, "truncated.server.pcap");
    writeFileSync(truncated, readFileSync(serverPcap).subarray(0, 300));
    const r = helperfuzz("replay", clientPcap, "--server-side", truncated);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("truncated.server.pcap: truncated record");
    expect(r.stderr).not.toContain("f19.pcap");
  });

  it("pairs one client-side capture only", () => {
    const r = helperfuzz("replay", clientPcap, wrongCase, "--server-side", serverPcap);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--server-side pairs one client-side capture");
  });
});

describe("replay --json", () => {
  it("prints one document with every segment's bytes in full", () => {
    const r = helperfuzz("replay", wrongCase, "--json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toEqual({ matched: 0, total: 1, problems: 0 });
    const [result] = doc.results;
    expect(result).toMatchObject({
      kind: "case",
      check: "expected",
      target: "builtin",
      matched: false,
    });
    expect(decode(result.outcome.segments[0].base64)).toBe(`NOOP ${"x".repeat(100)}\r\n`);
    expect(result.differences.join("\n")).toContain("expectations: expected 0, got 1");
  });
});

describe("replay of many inputs", () => {
  it("names an unreadable capture, still replays the good one, and exits 2", () => {
    const truncated = join(dir, "truncated.pcap");
    writeFileSync(truncated, readFileSync(clientPcap).subarray(0, 300));
    const r = helperfuzz("replay", clientPcap, truncated);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("truncated.pcap: truncated record");
    expect(r.stdout).toContain("target and reference agree");
    expect(r.stdout).toContain("1 of 1 matched; 1 input could not be replayed:");
    expect(r.stdout).toContain("truncated.pcap");
  });

  it("replays every case and capture under a directory, sorted, and sums up", () => {
    const tree = join(dir, "tree");
    mkdirSync(join(tree, "sub"), { recursive: true });
    copyFileSync(F19, join(tree, "b-f19.json"));
    copyFileSync(wrongCase, join(tree, "a-wrong.json"));
    copyFileSync(clientPcap, join(tree, "sub", "c.pcap"));
    writeFileSync(join(tree, "notes.txt"), "not an input");
    const r = helperfuzz("replay", tree, "--json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.results.map((x: { file: string }) => x.file.slice(tree.length + 1))).toEqual([
      "a-wrong.json",
      "b-f19.json",
      join("sub", "c.pcap"),
    ]);
    expect(doc.summary).toEqual({ matched: 2, total: 3, problems: 0 });
    expect(helperfuzz("replay", tree).stdout).toContain("2 of 3 matched");
  });

  it("names an empty directory as a problem", () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    const r = helperfuzz("replay", empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no case file or capture in the directory");
  });
});

describe("capture: captures into corpus cases", () => {
  it("keeps a pair's observed outcome; the case replays and matches", () => {
    const out = join(dir, "corpus-pair");
    const r = helperfuzz("capture", clientPcap, "--server-side", serverPcap, "-o", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(join(out, "f19-1.json"));
    const made = loadCase(join(out, "f19-1.json"));
    expect(made.flow.nat).toEqual({ client: { addr: "198.51.100.1" } });
    expect(made.expected?.segments[5]).toMatchObject({ verdict: "accept", seq: 29 });
    const replayed = helperfuzz("replay", join(out, "f19-1.json"));
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain("matches the expected outcome on builtin");
    // Again: the file is there, so it is not overwritten.
    const again = helperfuzz("capture", clientPcap, "--server-side", serverPcap, "-o", out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("f19-1.json exists");
  });

  it("keeps what the box did, not what the model does: a wrong box's case fails on replay", () => {
    const out = join(dir, "corpus-bad");
    expect(helperfuzz("capture", clientPcap, "--server-side", badServerPcap, "-o", out).code).toBe(
      0,
    );
    const made = loadCase(join(out, "f19-1.json"));
    expect(Buffer.from(made.expected!.segments[5].data!).toString()).toBe(
      "PORT 198,51,100,9,4,1\r\n",
    );
    const replayed = helperfuzz("replay", join(out, "f19-1.json"));
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toContain("segments[5].data");
  });

  it("keeps one side with the target's outcome, behind the NAT address given", () => {
    const out = join(dir, "corpus-one");
    const r = helperfuzz(
      "capture",
      clientPcap,
      "--nat",
      "198.51.100.1",
      "-o",
      out,
      "--name",
      "one",
    );
    expect(r.code).toBe(0);
    const made = loadCase(join(out, "one-1.json"));
    expect(made.flow.nat).toEqual({ client: { addr: "198.51.100.1" } });
    expect(Buffer.from(made.expected!.segments[5].data!).toString()).toBe(
      "PORT 198,51,100,1,4,1\r\n",
    );
    expect(helperfuzz("replay", join(out, "one-1.json")).code).toBe(0);
  });
});
