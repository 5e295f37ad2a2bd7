// `helperfuzz conform [helper...] [--runs N | --time S] [--seed S]`: the spec model against
// the running kernel's own helper on generated flows, with agreement per behaviour class.
// Needs root (the kernel target builds private network namespaces); says why and exits 2
// where the kernel target is unavailable.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { Flow, Outcome } from "../../helpers/core/model.ts";
import { propertyRegistry } from "../../properties/registry.ts";
import { type ConformanceResult, conform } from "../kernel/conformance.ts";
import { createKernelTarget, kernelAvailability } from "../kernel/target.ts";
import { specTarget } from "../targets.ts";

interface ConformFlags {
  runs?: string;
  time?: string;
  seed?: string;
  findings: string;
}

function positive(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${what} must be a positive number, not "${value}"`);
  return n;
}

function bytesAsText(data: Uint8Array): string {
  return Buffer.from(data).toString("latin1");
}

function caseJson(flow: Flow, spec: Outcome, kernel: Outcome) {
  const segments = (o: Outcome) => o.segments.map((s) => ({ ...s, data: bytesAsText(s.data) }));
  return {
    flow: { ...flow, segments: flow.segments.map((s) => ({ ...s, data: bytesAsText(s.data) })) },
    spec: { expectations: spec.expectations, segments: segments(spec) },
    kernel: { expectations: kernel.expectations, segments: segments(kernel) },
  };
}

function report(result: ConformanceResult, findings: string): void {
  const out = process.stdout;
  const rate = Math.round(result.flows / Math.max(result.seconds, 1e-9));
  out.write(
    `${result.helper}: ${result.flows} flows compared in ${result.seconds.toFixed(1)} s (${rate} flows/s)`,
  );
  out.write(`, ${result.unsupported} not runnable on the kernel target\n`);
  for (const [reason, count] of result.unsupportedReasons)
    out.write(`  not runnable ×${count}: ${reason}\n`);
  for (const [name, tally] of [...result.classes].sort()) {
    out.write(
      `  ${name.padEnd(14)} agree ${String(tally.agree).padStart(7)}  disagree ${tally.disagree}\n`,
    );
  }
  if (result.disagreements.length === 0) return;
  mkdirSync(findings, { recursive: true });
  result.disagreements.forEach((d, i) => {
    const file = join(findings, `conform-${result.helper}-${d.seed}-${d.index}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ seed: d.seed, index: d.index, differences: d.differences, ...caseJson(d.flow, d.spec, d.kernel) }, null, 2)}\n`,
    );
    if (i < 5) out.write(`  disagreement (${d.differences.join("; ")}) saved to ${file}\n`);
  });
}

export function registerConformCommand(program: Command, exit?: (code: number) => void): void {
  const finish =
    exit ??
    ((code: number) => {
      process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
    });
  program
    .command("conform")
    .description(
      "compare the spec model with the running Linux kernel's own helper on generated flows",
    )
    .argument("[helper...]", "helpers to check (default: every helper the kernel target supports)")
    .option("--runs <n>", "flows per helper (default 1000)")
    .option("--time <s>", "time budget per helper, in seconds")
    .option("--seed <s>", "seed of the first chunk of flows (default: random)")
    .option("--findings <dir>", "where disagreements are saved", "findings")
    .action(async (helpers: string[], flags: ConformFlags) => {
      const availability = await kernelAvailability();
      if (!availability.ok) {
        process.stderr.write(
          `conform: the kernel target is not available: ${availability.reason}\n`,
        );
        finish(2);
        return;
      }
      const runs = positive(flags.runs, "--runs") ?? (flags.time ? Number.MAX_SAFE_INTEGER : 1000);
      const timeSeconds = positive(flags.time, "--time");
      const seed =
        flags.seed === undefined
          ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0
          : Number(flags.seed);
      const kernel = await createKernelTarget();
      try {
        const chosen =
          helpers.length > 0 ? helpers : kernel.helpers().filter((h) => h in propertyRegistry);
        process.stdout.write(`conform: seed ${seed}, kernel ${kernel.hello.kernel}\n`);
        for (const helper of chosen) {
          const kit = propertyRegistry[helper];
          if (!kit || !kernel.helpers().includes(helper)) {
            process.stderr.write(`conform: no kernel counterpart or generators for "${helper}"\n`);
            finish(2);
            continue;
          }
          const result = await conform({
            helper,
            flows: kit.flows,
            spec: (flow) => specTarget.run(flow),
            kernel,
            runs,
            timeSeconds,
            seed,
          });
          report(result, flags.findings);
          finish(result.disagreements.length > 0 ? 1 : 0);
        }
      } finally {
        await kernel.close();
      }
    });
}
