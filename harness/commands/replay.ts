// `helperfuzz replay FILE...`: run corpus cases or saved failures against a target and show
// the outcome and how it differs from what was expected.

import type { Command } from "commander";
import pc from "picocolors";
import { outcomeDifferences } from "../../helpers/core/outcome.ts";
import { helperRegistry } from "../../helpers/registry.ts";
import { propertyRegistry } from "../../properties/registry.ts";
import { type CorpusCase, compareOutcome, loadCase } from "../corpus.ts";
import { renderFlow, renderOutcome, renderSideBySide } from "../render.ts";
import type { ExitWith } from "./index.ts";
import { chooseTarget } from "./options.ts";

interface ReplayFlags {
  target?: string;
}

export function registerReplayCommand(program: Command, exit: ExitWith): void {
  program
    .command("replay")
    .description(
      "replay corpus cases or saved failures: show the outcome and its difference from the expected one",
    )
    .argument("<file...>", "case files (corpus JSON, or a finding saved by run)")
    .option("--target <name>", "builtin or spec (default: the case's own target, else builtin)")
    .action((files: string[], flags: ReplayFlags) => {
      // Load every file first, so a broken one is reported before anything runs.
      const cases = files.map((file) => loadCase(file));
      for (const [i, c] of cases.entries()) exit(replayCase(files[i], c, flags));
    });
}

function replayCase(file: string, c: CorpusCase, flags: ReplayFlags): number {
  const out = process.stdout;
  const targetName = flags.target ?? c.found?.target ?? "builtin";
  const { target, reference } = chooseTarget(targetName);
  out.write(`${pc.bold(file)}: ${c.name}\n`);
  for (const line of renderFlow(c.flow)) out.write(`  ${line}\n`);

  if (c.found) {
    const property = propertyRegistry[c.flow.helper]?.properties.find(
      (p) => p.name === c.found!.property,
    );
    if (property) {
      try {
        property.check(c.flow, { target, reference, helper: helperRegistry[c.flow.helper].helper });
        out.write(pc.green(`  ${property.name} now holds on ${target.name}\n\n`));
        return 0;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        out.write(pc.red(`  ${property.name} still fails on ${target.name}: ${message}\n`));
        for (const line of renderSideBySide(target.name, target.run(c.flow), reference.name, reference.run(c.flow))) {
          out.write(`  ${line}\n`);
        }
        out.write("\n");
        return 1;
      }
    }
  }

  const outcome = target.run(c.flow);
  if (c.expected) {
    const differences = compareOutcome(c.expected, outcome);
    for (const line of renderOutcome(outcome)) out.write(`  ${line}\n`);
    if (differences.length === 0) {
      out.write(pc.green(`  matches the expected outcome on ${target.name}\n\n`));
      return 0;
    }
    out.write(pc.red(`  differs from the expected outcome on ${target.name}:\n`));
    for (const d of differences) out.write(`    - ${d}\n`);
    out.write("\n");
    return 1;
  }

  const other = reference.run(c.flow);
  for (const line of renderSideBySide(target.name, outcome, reference.name, other)) {
    out.write(`  ${line}\n`);
  }
  const differences = outcomeDifferences(outcome, other);
  if (differences.length === 0) {
    out.write(pc.green("  target and reference agree\n\n"));
    return 0;
  }
  out.write(pc.red(`  ${target.name} and ${reference.name} differ:\n`));
  for (const d of differences) out.write(`    - ${d}\n`);
  out.write("\n");
  return 1;
}
