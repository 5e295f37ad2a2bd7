import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FlowError, type Outcome } from "../../helpers/core/model.ts";
import {
  type CorpusCase,
  caseToJson,
  caseToJsonValue,
  compareOutcome,
  isReadableText,
  loadCase,
  loadCorpus,
  outcomeToJson,
  parseCase,
  parseCaseText,
} from "./corpus.ts";

const SOURCE = "corpus/ftp/x.json";

function validCase(): Record<string, unknown> {
  return {
    name: "F2 PORT at a tracked position",
    property: "corpus",
    flow: {
      helper: "ftp",
      l4: "tcp",
      client: { addr: "10.0.0.2", port: 40000 },
      server: { addr: "203.0.113.5", port: 21 },
      segments: [
        { dir: "orig", seq: 0, text: "USER a\r\n" },
        { dir: "reply", text: "331 ok\r\n" },
        { dir: "orig", base64: "UE9SVCAxMCwwLDAsMiw0LDENCg==" },
      ],
    },
    expected: {
      expectations: [{ l4: "tcp", src: "203.0.113.5", sport: null, dst: "10.0.0.2", dport: 1025 }],
      segments: [{ verdict: "accept" }, { verdict: "accept", seq: 0 }, { verdict: "accept" }],
    },
  };
}

/** validCase() with one value replaced (or deleted when value is undefined). */
function withChange(path: (string | number)[], value: unknown): Record<string, unknown> {
  const json = validCase();
  let at: Record<string | number, unknown> = json;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete at[last];
  else at[last] = value;
  return json;
}

function parseError(json: unknown): string {
  try {
    parseCase(json, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(FlowError);
    return (error as Error).message;
  }
  throw new Error("expected parseCase to throw");
}

describe("parseCase", () => {
  it("reads a valid case: text and base64 data, optional seq", () => {
    const c = parseCase(validCase(), SOURCE);
    expect(c.flow.segments[0]).toEqual({
      dir: "orig",
      seq: 0,
      data: new TextEncoder().encode("USER a\r\n"),
    });
    expect(c.flow.segments[1].seq).toBeUndefined();
    expect(new TextDecoder().decode(c.flow.segments[2].data)).toBe("PORT 10,0,0,2,4,1\r\n");
    expect(c.expected?.segments[1]).toEqual({ verdict: "accept", seq: 0 });
    expect(c.expected?.expectations[0].sport).toBeNull();
  });

  it("names the file and the path of a bad dir", () => {
    expect(parseError(withChange(["flow", "segments", 2, "dir"], "out"))).toBe(
      'corpus/ftp/x.json: flow.segments[2].dir must be "orig" or "reply"',
    );
  });

  it("reports missing fields", () => {
    expect(parseError(withChange(["name"], undefined))).toBe("corpus/ftp/x.json: name is missing");
    expect(parseError(withChange(["flow", "client", "port"], undefined))).toBe(
      "corpus/ftp/x.json: flow.client.port is missing",
    );
    expect(parseError(withChange(["flow", "segments", 1, "text"], undefined))).toBe(
      'corpus/ftp/x.json: flow.segments[1] needs exactly one of "text" or "base64"',
    );
    expect(parseError(withChange(["expected", "segments", 0, "verdict"], undefined))).toBe(
      "corpus/ftp/x.json: expected.segments[0].verdict is missing",
    );
  });

  it("rejects bad base64", () => {
    expect(parseError(withChange(["flow", "segments", 2, "base64"], "UE9SVC!!"))).toBe(
      "corpus/ftp/x.json: flow.segments[2].base64 is not valid base64",
    );
    expect(parseError(withChange(["flow", "segments", 2, "base64"], "UE9"))).toMatch(
      /segments\[2\]\.base64 is not valid base64/,
    );
  });

  it("rejects wrong types", () => {
    expect(parseError(withChange(["flow", "client", "port"], "21"))).toBe(
      "corpus/ftp/x.json: flow.client.port must be an integer 0-65535",
    );
    expect(parseError(withChange(["flow", "segments", 0, "seq"], -1))).toBe(
      "corpus/ftp/x.json: flow.segments[0].seq must be an integer 0-4294967295",
    );
    expect(parseError(withChange(["flow", "segments"], {}))).toBe(
      "corpus/ftp/x.json: flow.segments must be an array",
    );
    expect(parseError(withChange(["flow", "config"], "loose"))).toBe(
      "corpus/ftp/x.json: flow.config must be a JSON object",
    );
    expect(parseError(withChange(["flow", "l4"], "sctp"))).toBe(
      'corpus/ftp/x.json: flow.l4 must be "tcp" or "udp"',
    );
    expect(parseError(withChange(["expected", "expectations", 0, "l4"], "sctp"))).toBe(
      'corpus/ftp/x.json: expected.expectations[0].l4 must be "tcp" or "udp" or "gre"',
    );
    expect(parseError(withChange(["expected", "expectations", 0, "srcMask"], 33.5))).toBe(
      "corpus/ftp/x.json: expected.expectations[0].srcMask must be an integer 0-128",
    );
    expect(parseError(withChange(["expected", "expectations", 0, "permanent"], false))).toBe(
      "corpus/ftp/x.json: expected.expectations[0].permanent must be true when present",
    );
    expect(parseError(withChange(["expected", "segments", 1, "verdict"], "ACCEPT"))).toBe(
      'corpus/ftp/x.json: expected.segments[1].verdict must be "accept" or "drop"',
    );
    expect(parseError([])).toBe("corpus/ftp/x.json: the case must be a JSON object");
  });

  it("rejects bad addresses and mixed families", () => {
    expect(parseError(withChange(["flow", "server", "addr"], "203.0.113"))).toBe(
      "corpus/ftp/x.json: flow.server.addr is not an IPv4 or IPv6 address: 203.0.113",
    );
    expect(parseError(withChange(["flow", "server", "addr"], "2001:db8::5"))).toBe(
      "corpus/ftp/x.json: flow.server.addr is not of the client's address family (IPv4)",
    );
    expect(parseError(withChange(["flow", "nat"], { client: { addr: "::1" } }))).toMatch(
      /flow\.nat\.client\.addr is not of the client's address family/,
    );
  });

  it("rejects unknown fields, so a typo cannot silently skip a check", () => {
    expect(parseError(withChange(["expectd"], {}))).toMatch(
      /^corpus\/ftp\/x\.json: expectd is not a known field \(known: name, /,
    );
    expect(parseError(withChange(["flow", "segments", 0, "data"], "x"))).toMatch(
      /flow\.segments\[0\]\.data is not a known field/,
    );
  });

  it("rejects non-ASCII text and both text and base64", () => {
    expect(parseError(withChange(["flow", "segments", 0, "text"], "caf\u00e9"))).toBe(
      "corpus/ftp/x.json: flow.segments[0].text has a non-ASCII character at index 3 (use base64)",
    );
    expect(parseError(withChange(["flow", "segments", 0, "base64"], "AA=="))).toBe(
      'corpus/ftp/x.json: flow.segments[0] needs exactly one of "text" or "base64"',
    );
  });

  it("needs one expected segment per input segment", () => {
    expect(parseError(withChange(["expected", "segments"], [{ verdict: "accept" }]))).toBe(
      "corpus/ftp/x.json: expected.segments has 1 entries but flow.segments has 3 (one per input segment)",
    );
  });

  it("reports broken JSON with the file name", () => {
    expect(() => parseCaseText('{"name": ', SOURCE)).toThrow(FlowError);
    expect(() => parseCaseText('{"name": ', SOURCE)).toThrow(
      /^corpus\/ftp\/x\.json: not valid JSON/,
    );
  });
});

describe("caseToJson / caseToJsonValue", () => {
  it("writes readable bytes as text and others as base64", () => {
    expect(isReadableText(new TextEncoder().encode("PORT 1\r\n\t"))).toBe(true);
    expect(isReadableText(Uint8Array.of(0x50, 0x00))).toBe(false);
    expect(isReadableText(Uint8Array.of(0x7f))).toBe(false);
    const c = parseCase(validCase(), SOURCE);
    c.flow.segments[1].data = Uint8Array.of(0xff, 0x0a);
    const flow = caseToJsonValue(c).flow as { segments: Record<string, unknown>[] };
    expect(flow.segments[1]).toEqual({ dir: "reply", base64: "/wo=" });
    expect(flow.segments[2]).toEqual({ dir: "orig", text: "PORT 10,0,0,2,4,1\r\n" });
  });

  it("round-trips a saved counterexample unchanged", () => {
    const c: CorpusCase = {
      ...parseCase(validCase(), SOURCE),
      description: "shrunk",
      found: { seed: -12345, path: "3:1:0", target: "builtin", property: "differential" },
    };
    c.flow.config = { loose: true, ports: [21, 2121] };
    c.flow.nat = { client: { addr: "198.51.100.1" } };
    c.flow.segments.push({ dir: "reply", seq: 4294967295, data: Uint8Array.of(0, 1, 2, 255) });
    c.expected?.segments.push({ verdict: "drop", seq: 7, data: Uint8Array.of(0) });
    const text = caseToJson(c);
    expect(parseCaseText(text, "saved.json")).toEqual(c);
    expect(Object.keys(JSON.parse(text))).toEqual([
      "name",
      "description",
      "property",
      "flow",
      "expected",
      "found",
    ]);
  });
});

describe("caseToJson layout", () => {
  // CI runs `biome check`, so a saved case must already be in biome's layout. A one-segment
  // flow once was not: biome joins `[{ ... }]` when it fits, and CI failed on it.
  it("joins an array of one short object and keeps several objects one per line", () => {
    const c = parseCase(validCase(), SOURCE);
    c.flow.segments = [{ dir: "orig", seq: 0, data: Uint8Array.of(0) }];
    expect(caseToJson(c)).toContain('"segments": [{ "dir": "orig", "seq": 0, "base64": "AA==" }]');
    c.flow.segments.push({ dir: "reply", seq: 0, data: Uint8Array.of(0) });
    expect(caseToJson(c)).toContain('"segments": [\n      { "dir": "orig"');
  });

  it("writes what biome's formatter leaves unchanged", () => {
    const c = parseCase(validCase(), SOURCE);
    const one = { ...c, flow: { ...c.flow, segments: [c.flow.segments[0]] } };
    for (const text of [caseToJson(c), caseToJson(one)]) {
      const biome = spawnSync("npx", ["biome", "format", "--stdin-file-path=case.json"], {
        input: text,
        encoding: "utf8",
      });
      expect(biome.status, biome.stderr).toBe(0);
      expect(biome.stdout).toBe(text);
    }
  });
});

describe("compareOutcome", () => {
  const expected = parseCase(validCase(), SOURCE).expected!;
  const enc = (text: string) => new TextEncoder().encode(text);
  function matching(): Outcome {
    return {
      expectations: [{ l4: "tcp", src: "203.0.113.5", sport: null, dst: "10.0.0.2", dport: 1025 }],
      segments: [
        { verdict: "accept", seq: 0, data: enc("USER a\r\n") },
        { verdict: "accept", seq: 0, data: enc("331 ok\r\n") },
        { verdict: "accept", seq: 8, data: enc("PORT 10,0,0,2,4,1\r\n") },
      ],
    };
  }

  it("finds no difference in a matching outcome, unchecked data and seq included", () => {
    expect(compareOutcome(expected, matching())).toEqual([]);
  });

  it("reads, writes and compares a source mask and the permanent flag (absent stays absent)", () => {
    const json = withChange(["expected", "expectations", 0, "srcMask"], 24);
    (json.expected as { expectations: Record<string, unknown>[] }).expectations[0].permanent = true;
    const masked = parseCase(json, SOURCE).expected!;
    expect(masked.expectations[0]).toMatchObject({ srcMask: 24, permanent: true });
    expect(compareOutcome(masked, matching())).toEqual([
      "expectations[0]: expected tcp 203.0.113.5/24:* -> 10.0.0.2:1025 permanent, got tcp 203.0.113.5:* -> 10.0.0.2:1025",
    ]);
    const outcome = matching();
    outcome.expectations[0] = { ...outcome.expectations[0], srcMask: 24, permanent: true };
    expect(compareOutcome(masked, outcome)).toEqual([]);
    expect((outcomeToJson(outcome).expectations as unknown[])[0]).toEqual({
      l4: "tcp",
      src: "203.0.113.5",
      sport: null,
      dst: "10.0.0.2",
      dport: 1025,
      srcMask: 24,
      permanent: true,
    });
    expect(Object.keys((outcomeToJson(matching()).expectations as object[])[0])).not.toContain(
      "srcMask",
    );
  });

  it("reports each difference in words", () => {
    const actual = matching();
    actual.expectations[0].dport = 1026;
    actual.expectations.push({ l4: "tcp", src: null, sport: null, dst: "10.0.0.2", dport: 5 });
    actual.segments[1] = { verdict: "drop", seq: 3, data: enc("331 ok\r\n") };
    expect(compareOutcome(expected, actual)).toEqual([
      "expectations: expected 1, got 2",
      "expectations[0]: expected tcp 203.0.113.5:* -> 10.0.0.2:1025, got tcp 203.0.113.5:* -> 10.0.0.2:1026",
      "expectations[1]: unexpected tcp *:* -> 10.0.0.2:5",
      "segments[1].verdict: expected accept, got drop",
      "segments[1].seq: expected 0, got 3",
    ]);
  });

  it("checks data when the case gives it, and compares addresses canonically", () => {
    const withData = parseCase(
      withChange(["expected", "segments", 2], { verdict: "accept", text: "PORT 1\r\n" }),
      SOURCE,
    ).expected!;
    const actual = matching();
    actual.expectations[0].src = "203.000.113.005";
    expect(compareOutcome(withData, actual)).toEqual([
      'segments[2].data: expected "PORT 1\\r\\n", got "PORT 10,0,0,2,4,1\\r\\n"',
    ]);
    const v6 = { l4: "tcp" as const, src: null, sport: null, dst: "2001:db8::1", dport: 1 };
    expect(
      compareOutcome(
        { expectations: [v6], segments: [] },
        { expectations: [{ ...v6, dst: "2001:0DB8:0:0:0:0:0:1" }], segments: [] },
      ),
    ).toEqual([]);
  });

  it("reports missing segments and expectations", () => {
    const actual = matching();
    actual.expectations = [];
    actual.segments.pop();
    expect(compareOutcome(expected, actual)).toEqual([
      "expectations: expected 1, got 0",
      "expectations[0]: missing tcp 203.0.113.5:* -> 10.0.0.2:1025",
      "segments: expected 3, got 2",
    ]);
  });

  it("serializes an outcome with every seq and data", () => {
    expect(outcomeToJson(matching()).segments).toEqual([
      { verdict: "accept", seq: 0, text: "USER a\r\n" },
      { verdict: "accept", seq: 0, text: "331 ok\r\n" },
      { verdict: "accept", seq: 8, text: "PORT 10,0,0,2,4,1\r\n" },
    ]);
  });
});

describe("loadCorpus", () => {
  const dir = mkdtempSync(join(tmpdir(), "hf-corpus-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads every *.json under a folder, sorted, and names a broken file", () => {
    mkdirSync(join(dir, "ftp"));
    writeFileSync(join(dir, "ftp", "b.json"), JSON.stringify(validCase()));
    writeFileSync(join(dir, "ftp", "a.json"), JSON.stringify({ ...validCase(), name: "A" }));
    writeFileSync(join(dir, "ftp", "notes.txt"), "not a case");
    const entries = loadCorpus(dir);
    expect(entries.map((e) => e.path)).toEqual([
      join(dir, "ftp", "a.json"),
      join(dir, "ftp", "b.json"),
    ]);
    expect(entries[0].corpusCase.name).toBe("A");
    writeFileSync(join(dir, "ftp", "c.json"), "{ broken");
    expect(() => loadCorpus(dir)).toThrow(`${join(dir, "ftp", "c.json")}: not valid JSON`);
    expect(() => loadCase(join(dir, "nope.json"))).toThrow(FlowError);
  });
});
