// The kernel-differential property in CI: per helper with a kernel counterpart, generated
// flows through the spec model and the running kernel, time-boxed, with a fixed seed (the
// same flows every run) and a fresh seed (new flows every run; printed so a failure
// replays with `helperfuzz conform <helper> --seed S`). 0 unexplained disagreements and a
// minimum number of flows compared. Also: a planted spec bug is found, shrunk on the
// kernel and saved in the corpus format with its seed and path.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCase } from "../harness/corpus.ts";
import { saveFinding } from "../harness/findings.ts";
import { conform, shrinkDisagreement } from "../harness/kernel/conformance.ts";
import { type KnownDifference, loadKnownDifferences } from "../harness/kernel/known-differences.ts";
import {
  createKernelTarget,
  type KernelTarget,
  kernelAvailability,
} from "../harness/kernel/target.ts";
import { specTarget } from "../harness/targets/in-process.ts";
import type { Flow, Outcome, Trace } from "../helpers/core/model.ts";
import { keepsEveryExpectation } from "../properties/core/generic-mutants.ts";
import { propertyRegistry } from "../properties/registry.ts";

const availability = await kernelAvailability();
const title = availability.ok
  ? "kernel-differential"
  : `kernel-differential (skipped: ${availability.reason})`;

const KERNEL_HELPERS = [
  "ftp",
  "irc",
  "tftp",
  "amanda",
  "sane",
  "sip",
  "pptp",
  "netbios-ns",
  "snmp",
];
const FIXED_SEED = 20260501;
const FRESH_SEED = (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
/** Per run (two runs per helper): keeps each helper under 60 s even on a loaded machine. */
const TIME_BOX_S = 25;
const RUNS = 20_000;
/** Fewer compared flows than this means the property proved little: fail, not pass. */
const MIN_FLOWS = 500;

const spec = (flow: Flow): Outcome => specTarget.run(flow);
const specTrace = (flow: Flow): Trace => specTarget.trace!(flow);

describe.skipIf(!availability.ok)(title, () => {
  let kernel: KernelTarget;
  let known: KnownDifference[];

  beforeAll(async () => {
    kernel = await createKernelTarget();
    known = loadKnownDifferences();
    process.stdout.write(
      `kernel-differential: fixed seed ${FIXED_SEED}, fresh seed ${FRESH_SEED}\n`,
    );
  });
  afterAll(async () => {
    await kernel?.close();
  });

  for (const helper of KERNEL_HELPERS) {
    for (const [which, seed] of [
      ["fixed", FIXED_SEED],
      ["fresh", FRESH_SEED],
    ] as const) {
      it(`${helper}: spec model and kernel agree (${which} seed ${seed})`, async (ctx) => {
        const kit = propertyRegistry[helper];
        if (!kit) return ctx.skip(`no generators for ${helper} in properties/registry.ts yet`);
        if (!kernel.helpers().includes(helper)) {
          return ctx.skip(`the kernel target does not run ${helper}`);
        }
        const result = await conform({
          helper,
          flows: kit.flows,
          spec,
          specTrace,
          kernel,
          runs: RUNS,
          timeSeconds: TIME_BOX_S,
          seed,
          known,
        });
        const shown = result.disagreements
          .slice(0, 3)
          .map((d) => `seed ${d.seed} index ${d.index}: ${d.differences.join("; ")}`);
        expect(shown).toEqual([]);
        expect(result.unexplained).toBe(0);
        expect(result.flows).toBeGreaterThanOrEqual(MIN_FLOWS);
      }, 70_000);
    }
  }

  it("a planted spec bug (IPv4 expectations forgotten) is found, shrunk on the kernel and saved", async () => {
    const planted = (flow: Flow): Outcome => {
      const outcome = spec(flow);
      return flow.client.addr.includes(":") ? outcome : { ...outcome, expectations: [] };
    };
    const options = { flows: propertyRegistry.ftp.flows, spec: planted, kernel, known };
    const result = await conform({ ...options, helper: "ftp", runs: 300, seed: FIXED_SEED });
    expect(result.unexplained).toBeGreaterThan(0);
    const found = result.disagreements[0];
    const shrunk = await shrinkDisagreement(options, found, 200);
    const failure = shrunk.failure!;
    expect(failure.message).toMatch(/expectations/);
    expect(failure.flow.segments.length).toBeLessThanOrEqual(found.flow.segments.length);
    const dir = mkdtempSync(join(tmpdir(), "hf-kernel-finding-"));
    try {
      const record = saveFinding(dir, "ftp", shrunk);
      if (record.kind !== "saved") throw new Error(`not saved: ${JSON.stringify(record)}`);
      const saved = loadCase(record.path);
      expect(saved.found).toMatchObject({ seed: found.seed, target: "kernel" });
      expect(saved.found!.path.startsWith(`${found.index}`)).toBe(true);
      expect(saved.flow.segments.length).toBe(failure.flow.segments.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("a planted spec bug that never evicts is found in the live sets, shrunk on the kernel", async () => {
    const options = {
      flows: propertyRegistry.ftp.flows,
      spec,
      specTrace: (flow: Flow) => keepsEveryExpectation(specTarget).trace!(flow),
      kernel,
      known,
    };
    const result = await conform({ ...options, helper: "ftp", runs: 300, seed: FIXED_SEED });
    expect(result.unexplained).toBeGreaterThan(0);
    const found = result.disagreements[0];
    expect(found.differences.join("\n")).toMatch(
      /^live after segment #\d+: spec \[.*; .*\], kernel/m,
    );
    const shrunk = await shrinkDisagreement(options, found, 200);
    expect(shrunk.failure!.message).toMatch(/live after segment/);
    expect(shrunk.failure!.flow.segments.length).toBeLessThanOrEqual(found.flow.segments.length);
  }, 120_000);
});
