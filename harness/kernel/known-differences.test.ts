import { describe, expect, it } from "vitest";
import type { Flow } from "../../helpers/core/model.ts";
import {
  knownDifferenceOf,
  loadKnownDifferences,
  parseKnownDifferences,
} from "./known-differences.ts";

const showing = {
  name: "x",
  property: "kernel-known-difference",
  flow: {
    helper: "ftp",
    l4: "tcp",
    client: { addr: "198.18.0.2", port: 1 },
    server: { addr: "198.19.0.5", port: 21 },
    segments: [{ dir: "orig", text: "USER a\r\n" }],
  },
  expected: { expectations: [], segments: [{ verdict: "accept" }] },
};
const specEntry = {
  id: "ftp-example",
  helper: "ftp",
  kind: "spec",
  claim: "c",
  kernel: "k",
  showing,
  match: { differences: "^segment #\\d+: (accept vs drop|seq)", segment: "^PORT", nat: true },
};

const flow = (text: string, nat: boolean): Flow => ({
  helper: "ftp",
  l4: "tcp",
  client: { addr: "198.18.0.2", port: 1 },
  server: { addr: "198.19.0.5", port: 21 },
  ...(nat ? { nat: { client: { addr: "198.18.9.9" } } } : {}),
  segments: [{ dir: "orig", data: new TextEncoder().encode(text) }],
});

describe("known differences", () => {
  it("the project's file parses, every entry with the kernel's outcome", () => {
    const known = loadKnownDifferences();
    expect(known.length).toBeGreaterThanOrEqual(4);
    for (const entry of known) expect(entry.showing.expected).toBeDefined();
  });

  it("matches a disagreement only when every difference, a segment and the NAT flag fit", () => {
    const known = parseKnownDifferences({ differences: [specEntry] });
    const diffs = ["segment #1: accept vs drop"];
    expect(knownDifferenceOf(known, flow("PORT 1,2,3,4,5,6\r\n", true), diffs)).toBe("ftp-example");
    expect(knownDifferenceOf(known, flow("PORT 1,2,3,4,5,6\r\n", false), diffs)).toBeUndefined();
    expect(knownDifferenceOf(known, flow("EPRT |1|x|\r\n", true), diffs)).toBeUndefined();
    const more = [...diffs, "0 vs 1 expectations"];
    expect(knownDifferenceOf(known, flow("PORT 1,2,3,4,5,6\r\n", true), more)).toBeUndefined();
    expect(knownDifferenceOf(known, flow("PORT 1,2,3,4,5,6\r\n", true), [])).toBeUndefined();
  });

  it("refuses unknown fields, duplicate ids, a document entry with a matcher", () => {
    expect(() => parseKnownDifferences({ differences: [{ ...specEntry, typo: 1 }] })).toThrow(
      /differences\[0\]\.typo: unknown field/,
    );
    expect(() => parseKnownDifferences({ differences: [specEntry, specEntry] })).toThrow(
      /duplicate id/,
    );
    expect(() =>
      parseKnownDifferences({ differences: [{ ...specEntry, kind: "document" }] }),
    ).toThrow(/only spec differences are matched/);
    const { expected: _, ...noExpected } = showing;
    expect(() =>
      parseKnownDifferences({ differences: [{ ...specEntry, showing: noExpected }] }),
    ).toThrow(/needs the kernel's outcome/);
  });
});
