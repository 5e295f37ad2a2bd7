// Every corpus case replayed on the running kernel, and every known difference
// (corpus/kernel-known-differences.jsonc) re-measured. Where the kernel and a case's
// expected outcome disagree, the kernel wins: this test fails and the case is wrong.
// Cases the kernel target cannot run (addresses outside its test ranges, like the
// 10.0.0.2 of kernel-helpers.md's notation; host-global options) are skipped with the
// reason, counted and listed.

import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CorpusEntry, compareOutcome, loadCorpus } from "../harness/corpus.ts";
import { differencesOf } from "../harness/kernel/conformance.ts";
import { knownDifferenceOf, loadKnownDifferences } from "../harness/kernel/known-differences.ts";
import {
  createKernelTarget,
  type KernelTarget,
  kernelAvailability,
} from "../harness/kernel/target.ts";
import { specTarget } from "../harness/targets/in-process.ts";
import { type Flow, FlowError, type Outcome } from "../helpers/core/model.ts";
import { outcomeDifferences } from "../helpers/core/outcome.ts";

const availability = await kernelAvailability();
const title = availability.ok
  ? "corpus on the kernel"
  : `corpus on the kernel (skipped: ${availability.reason})`;
const CORPUS_DIR = fileURLToPath(new URL("../corpus", import.meta.url));
const entries = loadCorpus(CORPUS_DIR);
const known = loadKnownDifferences();

type Answer = { outcome: Outcome } | { skipped: string };

/** kernel-helpers.md's client 10.0.0.2 is not in the kernel target's ranges; as a second
 * check, such cases also run with it moved to 192.0.2.2 (TEST-NET-1), spec vs kernel. */
const MOVED = [
  ["10.0.0.2", "192.0.2.2"],
  ["10,0,0,2", "192,0,2,2"],
] as const;
const latin1 = new TextDecoder("latin1");

function moveText(data: Uint8Array): Uint8Array {
  let text = latin1.decode(data);
  for (const [from, to] of MOVED) text = text.replaceAll(from, to);
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** The flow with 10.0.0.2 moved; explicit seqs follow the growth of earlier segments of
 * their direction, so the segments still meet where they met. */
function movedFlow(flow: Flow): Flow | undefined {
  if (![flow.client.addr, flow.server.addr].includes("10.0.0.2")) return undefined;
  const growth: Record<"orig" | "reply", { at: number; by: number }[]> = { orig: [], reply: [] };
  const segments = flow.segments.map((segment) => {
    const data = moveText(segment.data);
    const moved = { ...segment, data };
    if (segment.seq !== undefined) {
      const shift = growth[segment.dir]
        .filter((g) => g.at < segment.seq!)
        .reduce((sum, g) => sum + g.by, 0);
      moved.seq = (segment.seq + shift) >>> 0;
      growth[segment.dir].push({ at: segment.seq, by: data.length - segment.data.length });
    }
    return moved;
  });
  const addr = (a: string) => (a === "10.0.0.2" ? "192.0.2.2" : a);
  return {
    ...flow,
    client: { ...flow.client, addr: addr(flow.client.addr) },
    server: { ...flow.server, addr: addr(flow.server.addr) },
    segments,
  };
}

describe.skipIf(!availability.ok)(title, () => {
  let kernel: KernelTarget;
  const answers = new Map<string, Answer>();
  const movedAnswers = new Map<string, Answer & { flow: Flow }>();

  beforeAll(async () => {
    kernel = await createKernelTarget();
    // All at once: the agent runs them as batches, each flow in its own slot and zone.
    const settled = await Promise.allSettled(entries.map((e) => kernel.run(e.corpusCase.flow)));
    settled.forEach((answer, i) => {
      if (answer.status === "fulfilled") answers.set(entries[i].path, { outcome: answer.value });
      else if (answer.reason instanceof FlowError)
        answers.set(entries[i].path, { skipped: answer.reason.message });
      else throw answer.reason;
    });
    const moved = entries.flatMap((e) => {
      const flow = "skipped" in answers.get(e.path)! ? movedFlow(e.corpusCase.flow) : undefined;
      return flow ? [{ path: e.path, flow }] : [];
    });
    const movedSettled = await Promise.allSettled(moved.map((m) => kernel.run(m.flow)));
    movedSettled.forEach((answer, i) => {
      const { path, flow } = moved[i];
      if (answer.status === "fulfilled") movedAnswers.set(path, { flow, outcome: answer.value });
      else if (answer.reason instanceof FlowError)
        movedAnswers.set(path, { flow, skipped: answer.reason.message });
      else throw answer.reason;
    });
    const reasons = new Map<string, number>();
    for (const a of answers.values())
      if ("skipped" in a)
        reasons.set(
          a.skipped.replace(/[\d.:a-f]{7,}/g, "<addr>"),
          (reasons.get(a.skipped.replace(/[\d.:a-f]{7,}/g, "<addr>")) ?? 0) + 1,
        );
    const skipped = [...reasons.values()].reduce((x, y) => x + y, 0);
    const movedRun = [...movedAnswers.values()].filter((a) => "outcome" in a).length;
    process.stdout.write(
      `corpus on the kernel: ${entries.length} cases, ${entries.length - skipped} run as written, ${skipped} skipped as not runnable; ${movedRun} of those run with 10.0.0.2 moved to 192.0.2.2 (spec vs kernel)\n`,
    );
    for (const [reason, count] of reasons) process.stdout.write(`  skipped ×${count}: ${reason}\n`);
  }, 120_000);
  afterAll(async () => {
    await kernel?.close();
  });

  it("runs a useful share of the corpus (the rest are listed as skipped)", () => {
    const ran = [...answers.values()].filter((a) => "outcome" in a).length;
    expect(ran).toBeGreaterThanOrEqual(10);
  });

  const relative = (e: CorpusEntry) => e.path.slice(CORPUS_DIR.length + 1);
  for (const entry of entries) {
    it(relative(entry), (ctx) => {
      const answer = answers.get(entry.path)!;
      if ("skipped" in answer) return ctx.skip(answer.skipped);
      const c = entry.corpusCase;
      // A saved counterexample without `expected` guards agreement with the spec model.
      const differences = c.expected
        ? compareOutcome(c.expected, answer.outcome)
        : outcomeDifferences(specTarget.run(c.flow), answer.outcome);
      expect(differences).toEqual([]);
    });
  }

  for (const entry of entries.filter((e) => movedFlow(e.corpusCase.flow))) {
    it(`${relative(entry)} with 10.0.0.2 moved to 192.0.2.2: spec model and kernel agree`, (ctx) => {
      const answer = movedAnswers.get(entry.path);
      if (!answer) return ctx.skip("ran as written");
      if ("skipped" in answer) return ctx.skip(answer.skipped);
      const differences = outcomeDifferences(specTarget.run(answer.flow), answer.outcome);
      const unexplained =
        knownDifferenceOf(known, answer.flow, differences) === undefined ? differences : [];
      expect(unexplained).toEqual([]);
      // Moving an address changes lengths and seqs, never verdicts or expected ports: those
      // of the case as written must hold on the kernel too.
      const expected = entry.corpusCase.expected;
      if (expected) {
        expect(answer.outcome.segments.map((x) => x.verdict)).toEqual(
          expected.segments.map((x) => x.verdict),
        );
        expect(answer.outcome.expectations.map((e) => [e.l4, e.sport, e.dport])).toEqual(
          expected.expectations.map((e) => [e.l4, e.sport, e.dport]),
        );
      }
    });
  }

  for (const difference of known) {
    it(`known difference ${difference.id}: the kernel still does this`, async () => {
      const flow = difference.showing.flow;
      const trace = await kernel.trace(flow);
      expect(compareOutcome(difference.showing.expected!, trace.outcome)).toEqual([]);
      // outcome and live sets after every segment (a difference may show in either)
      const spec = differencesOf(
        { specTrace: specTarget.trace },
        flow,
        specTarget.run(flow),
        trace,
      );
      // A document difference: the spec follows the kernel. A spec one: it does not.
      if (difference.kind === "document") expect(spec).toEqual([]);
      else {
        expect(spec).not.toEqual([]);
        expect(knownDifferenceOf(known, difference.showing.flow, spec)).toBe(difference.id);
      }
    });
  }
});
