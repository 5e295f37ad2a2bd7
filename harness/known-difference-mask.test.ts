import { describe, expect, it } from "vitest";
import type { Flow, Outcome } from "../helpers/core/model.ts";
import { FlowError } from "../helpers/core/model.ts";
import { HarnessError } from "../properties/core/harness-error.ts";
import type { SyncTarget } from "../properties/core/property.ts";
import { addTally, maskKnownDifferences } from "./known-difference-mask.ts";
import { knownDifferencesCovering, parseThirdPartyKnownDifferences } from "./known-differences.ts";
import { specTarget } from "./targets/in-process.ts";

const text = new TextEncoder();
const flow = (...lines: string[]): Flow => ({
  helper: "ftp",
  l4: "tcp",
  client: { addr: "198.18.0.2", port: 40000 },
  server: { addr: "198.19.0.5", port: 21 },
  segments: lines.map((line) => ({ dir: "orig" as const, data: text.encode(line) })),
});
const showing = (f: Flow) => ({
  name: "x",
  property: "cthelper-known-difference",
  flow: {
    ...f,
    segments: f.segments.map((s) => ({ dir: s.dir, text: new TextDecoder().decode(s.data) })),
  },
  expected: { expectations: [], segments: f.segments.map(() => ({ verdict: "accept" })) },
});

const file = parseThirdPartyKnownDifferences(
  {
    description: "d",
    family: "test",
    differences: [
      {
        id: "no-expectation-after-x",
        helper: "ftp",
        kernel: "k",
        plugin: "p",
        verdict: "plugin-bug",
        impact: "none",
        showing: showing(flow("USER a\r\n")),
        match: { differences: "^0 vs [1-9] expectations$", segment: "^X" },
      },
      {
        id: "crashes-on-y",
        helper: "ftp",
        kernel: "k",
        plugin: "p",
        verdict: "deliberate",
        showing: showing(flow("USER a\r\n")),
        match: { differences: "^threw: boom", segment: "^Y" },
      },
    ],
  },
  "test.jsonc",
);

/** The spec model, but with no expectation when a segment starts with X or Z, and a throw on
 * Y; H is the harness's trouble, F a bad flow. */
const plugin: SyncTarget = {
  name: "fake",
  run(f: Flow): Outcome {
    const starts = (c: string) => f.segments.some((s) => s.data[0] === c.charCodeAt(0));
    if (starts("Y")) throw new Error("boom");
    if (starts("H")) throw new HarnessError("channel broke");
    if (starts("F")) throw new FlowError("bad flow");
    const outcome = specTarget.run(f);
    return starts("X") || starts("Z") ? { ...outcome, expectations: [] } : outcome;
  },
};

const port = "PORT 198,18,0,2,4,1\r\n";

describe("maskKnownDifferences", () => {
  it("returns the reference's outcome for a known class and tallies it once per flow", () => {
    const mask = maskKnownDifferences(plugin, specTarget, file.differences);
    let n = 0;
    mask.setContext({ property: "differential", flowNumber: () => ++n });
    const f = flow("USER a\r\n", port, "X\r\n");
    expect(plugin.run(f).expectations).toHaveLength(0);
    expect(mask.target.run(f)).toEqual(specTarget.run(f));
    mask.target.run(f);
    const tally = mask.take();
    expect(Object.keys(tally)).toEqual(["no-expectation-after-x"]);
    expect(tally["no-expectation-after-x"]).toMatchObject({
      flows: 1,
      byProperty: { differential: 1 },
      first: { property: "differential", flow: 1 },
    });
    expect(mask.take()).toEqual({});
  });

  it("passes an unknown difference through unchanged (a finding)", () => {
    const mask = maskKnownDifferences(plugin, specTarget, file.differences);
    const f = flow("USER a\r\n", port, "Z\r\n");
    expect(mask.target.run(f).expectations).toHaveLength(0);
    expect(mask.take()).toEqual({});
  });

  it("masks a throw a class explains; never the harness's trouble or a bad flow", () => {
    const mask = maskKnownDifferences(plugin, specTarget, file.differences);
    const y = flow("Y\r\n");
    expect(mask.target.run(y)).toEqual(specTarget.run(y));
    expect(Object.keys(mask.take())).toEqual(["crashes-on-y"]);
    expect(() => mask.target.run(flow("H\r\n"))).toThrow(HarnessError);
    expect(() => mask.target.run(flow("F\r\n"))).toThrow(FlowError);
  });

  it("sums tallies, keeping the earlier first sighting", () => {
    const a = { c: { flows: 2, byProperty: { p: 2 }, first: { property: "p", flow: 5, at: 20 } } };
    const b = { c: { flows: 1, byProperty: { q: 1 }, first: { property: "q", flow: 1, at: 10 } } };
    expect(addTally(structuredClone(a), b)).toEqual({
      c: { flows: 3, byProperty: { p: 2, q: 1 }, first: { property: "q", flow: 1, at: 10 } },
    });
  });
});

describe("knownDifferencesCovering", () => {
  const entry = (id: string, match: Record<string, unknown>) => ({
    id,
    helper: "ftp",
    kernel: "k",
    plugin: "p",
    verdict: "plugin-bug",
    impact: "none",
    showing: showing(flow("USER a\r\n")),
    match,
  });
  const known = parseThirdPartyKnownDifferences(
    {
      description: "d",
      family: "test",
      differences: [
        entry("a", { differences: "^segment #\\d+: accept vs drop$", segment: "^A" }),
        entry("b", { differences: "^0 vs 1 expectations$", segment: "^B" }),
        entry("own-port", {
          differences: '"dport":{client.port}\\}',
          signature: "^expectation",
          expectation: '"dport":1025\\}',
        }),
      ],
    },
    "t.jsonc",
  ).differences;

  it("explains a flow by several classes, each line by one that applies", () => {
    const f = flow("A\r\n", "B\r\n");
    const lines = ["segment #0: accept vs drop", "0 vs 1 expectations"];
    expect(knownDifferencesCovering(known, f, lines)).toEqual(["a", "b"]);
    expect(knownDifferencesCovering(known, flow("A\r\n"), lines)).toBeUndefined();
    expect(
      knownDifferencesCovering(known, f, [...lines, "segment #1: seq 1 vs 2"]),
    ).toBeUndefined();
  });

  it("fills placeholders with the flow's values and checks the reference's expectations", () => {
    const f = flow("USER a\r\n");
    const line = `expectation #0: {"dport":40000} vs {"dport":1025}`;
    const reference = {
      expectations: [{ l4: "tcp" as const, src: null, sport: null, dst: "x", dport: 1025 }],
      segments: [],
    };
    expect(knownDifferencesCovering(known, f, [line], reference)).toEqual(["own-port"]);
    expect(knownDifferencesCovering(known, f, [line])).toBeUndefined();
    const other = { ...f, client: { addr: "198.18.0.2", port: 40001 } };
    expect(knownDifferencesCovering(known, other, [line], reference)).toBeUndefined();
  });

  it("refuses a plugin bug without an impact and a deliberate one with one", () => {
    const parse = (e: Record<string, unknown>) =>
      parseThirdPartyKnownDifferences({ description: "d", family: "t", differences: [e] }, "t");
    const { impact: _, ...bug } = entry("x", { differences: "." });
    expect(() => parse(bug)).toThrow(/impact: a plugin bug needs one of/);
    expect(() => parse({ ...bug, verdict: "deliberate", impact: "none" })).toThrow(
      /only a plugin bug has a security impact/,
    );
    expect(() => parse({ ...bug, verdict: "maybe" })).toThrow(/verdict: must be one of/);
    expect(() => parse({ ...entry("x", { differences: "." }), typo: 1 })).toThrow(/unknown field/);
  });
});
