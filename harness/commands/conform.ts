// `helperfuzz conform [helper...] [--runs N | --time S] [--seed S]`: the spec model against
// the running kernel's own helper on generated flows, with agreement per behaviour class.
// Needs root (the kernel target builds private network namespaces); says why and exits 2
// where the kernel target is unavailable.

import type { Command } from "commander";
import { type Flow, FlowError } from "../../helpers/core/model.ts";
import { propertyRegistry } from "../../properties/registry.ts";
import { describeFinding, saveFinding } from "../findings.ts";
import { checkFindingsDir } from "../findings-dir.ts";
import { interruptedLine, onInterrupt } from "../interruption.ts";
import {
  type ConformanceOptions,
  type ConformanceResult,
  conform,
  shrinkDisagreement,
} from "../kernel/conformance.ts";
import { type KnownDifference, loadKnownDifferences } from "../kernel/known-differences.ts";
import { createKernelTarget, kernelAvailability } from "../kernel/target.ts";
import { specTarget } from "../targets/in-process.ts";
import { type BudgetFlags, chooseHelpers, parseBudget, SEED_RANGE } from "./options.ts";

interface ConformFlags extends BudgetFlags {
  findings: string;
}

const DEFAULT_CONFORM_RUNS = 1000;

/** Unexplained disagreements shrunk and saved per helper; the rest are counted. */
const SHRINK_AT_MOST = 3;

function report(result: ConformanceResult, known: readonly KnownDifference[]): void {
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
  for (const [id, tally] of result.known) {
    const entry = known.find((k) => k.id === id);
    out.write(`  known difference ×${tally.count}: ${id} (${entry?.kernel ?? ""})\n`);
  }
  out.write(`  unexplained disagreements: ${result.unexplained}\n`);
}

/** Each kept disagreement, shrunk on the kernel and saved before it is reported. */
async function shrinkAndSave(
  result: ConformanceResult,
  options: Pick<ConformanceOptions, "flows" | "spec" | "specTrace" | "kernel" | "known">,
  findings: string,
): Promise<void> {
  for (const d of result.disagreements.slice(0, SHRINK_AT_MOST)) {
    const shrunk = await shrinkDisagreement(options, d);
    const failure = shrunk.failure!;
    let outcome: Awaited<ReturnType<typeof options.kernel.run>> | undefined;
    try {
      outcome = await options.kernel.run(failure.flow);
    } catch {
      outcome = undefined; // the capture of the server side is optional
    }
    const saved = describeFinding(saveFinding(findings, result.helper, shrunk, outcome));
    process.stdout.write(
      `  disagreement (seed ${failure.seed}, path ${failure.path}, ${failure.shrinks} shrinks): ${failure.message}\n    ${saved.join("\n    ")}\n`,
    );
  }
  const rest = result.unexplained - Math.min(result.unexplained, SHRINK_AT_MOST);
  if (rest > 0) process.stdout.write(`  ${rest} more unexplained disagreements not shrunk\n`);
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
    .option("--runs <n>", `flows per helper (default ${DEFAULT_CONFORM_RUNS}; with --time: no cap)`)
    .option("--time <s>", "time budget per helper, in seconds")
    .option("--seed <s>", `seed of the first chunk of flows, ${SEED_RANGE} (default: random)`)
    .option("--findings <dir>", "where disagreements are saved", "findings")
    .action(async (helpers: string[], flags: ConformFlags) => {
      // Every flag is read before the kernel target is looked at: a typo costs nothing.
      const { runs, timeSeconds, seed } = parseBudget(flags, DEFAULT_CONFORM_RUNS);
      if (helpers.length > 0) chooseHelpers(helpers);
      checkFindingsDir(flags.findings);
      const availability = await kernelAvailability();
      if (!availability.ok) {
        process.stderr.write(
          `conform: the kernel target is not available: ${availability.reason}\n`,
        );
        finish(2);
        return;
      }
      const known = loadKnownDifferences();
      const done: string[] = [];
      let running = "";
      const stopListening = onInterrupt((signal) => {
        const again = ["npx helperfuzz conform", ...helpers, "--seed", String(seed)];
        if (flags.runs !== undefined) again.push("--runs", flags.runs);
        if (flags.time !== undefined) again.push("--time", flags.time);
        process.stdout.write(
          `${interruptedLine(signal)} during ${running || "the start"}; done: ${done.join(", ") || "none"}; seed ${seed}; to run it again: ${again.join(" ")}\n`,
        );
      });
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
          const options = {
            flows: kit.flows,
            spec: (flow: Flow) => specTarget.run(flow),
            specTrace: specTarget.trace,
            kernel,
            known,
          };
          running = helper;
          let result: Awaited<ReturnType<typeof conform>>;
          try {
            result = await conform({ ...options, helper, runs, timeSeconds, seed });
          } catch (error) {
            // The kernel agent failing is the harness's trouble, said in one line: it is no
            // disagreement of the kernel's, and no stack trace helps the user.
            if (error instanceof FlowError || !(error instanceof Error)) throw error;
            process.stderr.write(
              `conform: ${helper}: the kernel target failed (the harness's trouble, not a finding): ${error.message}\n`,
            );
            finish(3);
            break;
          }
          report(result, known);
          await shrinkAndSave(result, options, flags.findings);
          done.push(helper);
          finish(result.unexplained > 0 ? 1 : 0);
        }
      } finally {
        stopListening();
        await kernel.close();
      }
    });
}
