// `helperfuzz replay FILE...`: run corpus cases or saved failures against a target and show
// the outcome and how it differs from what was expected.

import type { Command } from "commander";
import pc from "picocolors";
import { outcomeDifferences } from "../../helpers/core/outcome.ts";
import { helperRegistry } from "../../helpers/registry.ts";
import type { SyncTarget } from "../../properties/core/property.ts";
import { propertyRegistry } from "../../properties/registry.ts";
import { type CorpusCase, compareOutcome, loadCase } from "../corpus.ts";
import { readFlowsFromPcap } from "../pcap/read-flows.ts";
import { renderFlow, renderOutcome, renderSideBySide } from "../render.ts";
import { builtinTarget, specTarget } from "../targets/in-process.ts";
import { type OpenedTarget, openTarget } from "../targets/open-target.ts";
import { UsageError } from "../usage.ts";
import type { ExitWith } from "./index.ts";
import { chooseHelpers } from "./options.ts";

interface ReplayFlags {
  target?: string;
  helper?: string;
  port?: string;
}

const CAPTURE = /\.(pcap|pcapng|cap)$/i;

export function registerReplayCommand(program: Command, exit: ExitWith): void {
  program
    .command("replay")
    .description(
      "replay corpus cases or saved failures: show the outcome and its difference from the expected one",
    )
    .argument(
      "<file...>",
      "case files (corpus JSON, or a finding saved by run) or captures (.pcap, .pcapng)",
    )
    .option(
      "--target <name>",
      "builtin, spec, module:PATH or cmd:COMMAND (default: the case's own target, else builtin)",
    )
    .option("--helper <name>", "for captures: the helper whose conversations to replay", "ftp")
    .option("--port <n>", "for captures: the server port (default: the helper's)")
    .action(async (files: string[], flags: ReplayFlags) => {
      // Load every file first, so a broken one is reported before anything runs.
      const loaded = files.map((file) => ({ file, cases: loadCases(file, flags) }));
      const targets = new Map<string, OpenedTarget>();
      try {
        for (const { file, cases } of loaded) {
          for (const c of cases) {
            const name = flags.target ?? c.found?.target ?? "builtin";
            let target = targets.get(name);
            if (!target) {
              target = await openTarget(name);
              targets.set(name, target);
            }
            exit(replayCase(file, c, target));
          }
        }
      } finally {
        for (const target of targets.values()) await target.close();
      }
    });
}

function loadCases(file: string, flags: ReplayFlags): CorpusCase[] {
  if (!CAPTURE.test(file)) return [loadCase(file)];
  const helper = chooseHelpers([flags.helper ?? "ftp"])[0];
  const port = flags.port === undefined ? undefined : parsePort(flags.port);
  const flows = readFlowsFromPcap(file, { helper, port });
  if (flows.length === 0) throw new UsageError(`${file}: no ${helper} conversation in the capture`);
  return flows.map((flow, i) => ({
    name: `${helper} conversation #${i + 1} (${flow.client.addr}:${flow.client.port} -> ${flow.server.addr}:${flow.server.port})`,
    property: "capture",
    flow,
  }));
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new UsageError(`--port needs a port number 1-65535, got "${text}"`);
  }
  return port;
}

function replayCase(file: string, c: CorpusCase, target: SyncTarget): number {
  const out = process.stdout;
  // The spec model is the reference, unless it is what is being replayed.
  const reference = target.name === specTarget.name ? builtinTarget : specTarget;
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
        // A target that crashes or hangs on the flow has no outcome to show beside the
        // reference: the failure message above already says what it did.
        let sideBySide: string[] = [];
        try {
          sideBySide = renderSideBySide(
            target.name,
            target.run(c.flow),
            reference.name,
            reference.run(c.flow),
          );
        } catch {}
        for (const line of sideBySide) out.write(`  ${line}\n`);
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
