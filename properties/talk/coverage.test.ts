// The talk flows reach every case the helper distinguishes: both ports and both helpers,
// each answer layout (ntalk2 longer than 36 bytes too), successful and failed answers,
// both pinholes, rewrites and drops under NAT, and wrong versions.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinTarget } from "../core/in-process.ts";
import { talkKit } from "./index.ts";
import { answerFlavour, openingAnswer, talkOptions } from "./talk-reading.ts";

const flows = fc.sample(talkKit.flows, { numRuns: 2000, seed: 5 });
const outcomes = flows.map((flow) => builtinTarget.run(flow));

describe("talk arbitraries", () => {
  it("run on 517 and 518 with both helpers, under NAT and not", () => {
    expect(new Set(flows.map((f) => f.server.port))).toEqual(new Set([517, 518]));
    expect(flows.some((f) => f.config?.mode === "lookup")).toBe(true);
    expect(flows.some((f) => f.config?.mode !== "lookup")).toBe(true);
    expect(flows.some((f) => f.nat !== undefined)).toBe(true);
  });
  it("carry every answer layout, ntalk2 of 36 bytes and longer", () => {
    const flavours = new Set<string>();
    let longNtalk2 = false;
    for (const flow of flows) {
      const options = talkOptions(flow);
      for (const s of flow.segments) {
        const flavour = answerFlavour(s.data, options);
        if (flavour) flavours.add(flavour);
        if (flavour === "ntalk2" && s.data.length > 36) longNtalk2 = true;
      }
    }
    expect(flavours).toEqual(new Set(["talk", "ntalk", "ntalk2"]));
    expect(longNtalk2).toBe(true);
  });
  it("open both pinholes, and often enough", () => {
    const kinds = new Set(outcomes.flatMap((o) => o.expectations.map((e) => e.l4)));
    expect(kinds).toEqual(new Set(["udp", "tcp"]));
    expect(flows.filter((f) => openingAnswer(f) !== -1).length).toBeGreaterThan(400);
  });
  it("rewrite and drop datagrams under NAT", () => {
    const rewritten = outcomes.some((o, i) =>
      o.segments.some(
        (s, k) =>
          s.verdict === "accept" && s.data.some((b, j) => b !== flows[i].segments[k].data[j]),
      ),
    );
    expect(rewritten).toBe(true);
    expect(outcomes.some((o) => o.segments.some((s) => s.verdict === "drop"))).toBe(true);
  });
  it("send wrong versions on 518", () => {
    const wrong = flows.some(
      (f) => f.server.port === 518 && f.segments.some((s) => s.data.length === 24 && s.data[0] > 2),
    );
    expect(wrong).toBe(true);
  });
});
