// `helperfuzz replay FILE|DIR...`: run corpus cases, saved failures or captures against a
// target and show the outcome and how it differs from what was expected; with
// --server-side, audit a NAT box from captures of both its sides. An input that cannot
// be read is named and skipped, the rest still replay; exit 2 then, else 1 when anything
// differed, else 0.

import type { Command } from "commander";
import pc from "picocolors";
import { FlowError } from "../../helpers/core/model.ts";
import type { CorpusCase } from "../corpus.ts";
import { loadCase } from "../corpus.ts";
import { interruptedLine, onInterrupt, yieldToSignals } from "../interruption.ts";
import { type CaseResult, replayCase } from "../replay/replay-case.ts";
import {
  CAPTURE_FILE,
  captureCases,
  captureOptionsFrom,
  expandInputs,
} from "../replay/replay-inputs.ts";
import { replayDocument } from "../replay/replay-json.ts";
import { caseText, summaryText, twoSidedText } from "../replay/replay-text.ts";
import {
  loadTwoSided,
  replayTwoSided,
  type TwoSidedInput,
  type TwoSidedResult,
} from "../replay/replay-two-sided.ts";
import { type OpenedTarget, openTarget } from "../targets/open-target.ts";
import { EXIT, UsageError } from "../usage.ts";
import type { ExitWith } from "./exit.ts";

interface ReplayFlags {
  target?: string;
  helper?: string;
  port?: string;
  nat?: string;
  config?: string;
  serverSide?: string;
  json?: boolean;
}

type Work =
  | { kind: "case"; file: string; corpusCase: CorpusCase }
  | { kind: "two-sided"; input: TwoSidedInput };

export function registerReplayCommand(program: Command, exit: ExitWith): void {
  program
    .command("replay")
    .description(
      "replay corpus cases, saved failures or captures: show the outcome and its difference from the expected one; with --server-side, compare a NAT box's captured rewrite and sequence adjustment with the model's. Exit 2 if an input could not be replayed (the others still are), else 1 if anything differed",
    )
    .argument(
      "<file...>",
      "case files (corpus JSON, or a finding saved by run), captures (.pcap, .pcapng, .cap), or directories of them (searched recursively)",
    )
    .option(
      "--target <name>",
      "builtin, spec, module:PATH, cmd:COMMAND or cthelper:NAME|PATH.so[+memcheck] (default: the case's own target, else builtin)",
    )
    .option(
      "--helper <name>",
      "for captures: the helper whose conversations to replay (default: every helper with a conversation on its port)",
    )
    .option(
      "--port <n>",
      "for captures: the server port (default: the helper's; alone: ftp on this port)",
    )
    .option(
      "--nat <addr>",
      "for captures taken on the client's side of a source NAT: the address the server saw the client as, so the rewrite is checked",
    )
    .option(
      "--config <json>",
      "for captures: the helper options the box ran with, as JSON, e.g. '{\"loose\":true}'",
    )
    .option(
      "--server-side <capture>",
      "the capture on the server's side of the NAT box whose client side is FILE: pairs the two segment by segment and reports each segment whose verdict, bytes, seq or ack differ from the target's (ports, IP IDs, checksums and TCP options are not compared)",
    )
    .option("--json", "print one JSON document (full segment bytes in base64) instead of text")
    .action(async (files: string[], flags: ReplayFlags) => exit(await replay(files, flags)));
}

/** An input that could not be replayed, named (unless the message names it already). */
function problemOf(file: string, error: unknown, prefix = true): string {
  if (!(error instanceof FlowError || error instanceof UsageError)) throw error;
  return !prefix || error.message.includes(file) ? error.message : `${file}: ${error.message}`;
}

function loadWork(files: string[], flags: ReplayFlags, problems: string[]): Work[] {
  const options = captureOptionsFrom(flags);
  if (flags.serverSide !== undefined) {
    if (files.length !== 1 || !CAPTURE_FILE.test(files[0])) {
      throw new UsageError(
        "--server-side pairs one client-side capture with it: name one FILE.pcap",
      );
    }
    try {
      const { inputs, problems: unpaired } = loadTwoSided(files[0], flags.serverSide, options);
      problems.push(...unpaired);
      return inputs.map((input) => ({ kind: "two-sided", input }));
    } catch (error) {
      // Either capture may be the broken one; its message names it.
      problems.push(problemOf(`${files[0]} + ${flags.serverSide}`, error, false));
      return [];
    }
  }
  const work: Work[] = [];
  for (const file of expandInputs(files, problems)) {
    try {
      const cases = CAPTURE_FILE.test(file) ? captureCases(file, options) : [loadCase(file)];
      for (const corpusCase of cases) work.push({ kind: "case", file, corpusCase });
    } catch (error) {
      problems.push(problemOf(file, error));
    }
  }
  return work;
}

async function replay(files: string[], flags: ReplayFlags): Promise<number> {
  const out = process.stdout;
  const problems: string[] = [];
  const work = loadWork(files, flags, problems);
  if (!flags.json) for (const p of problems) process.stderr.write(`${pc.red("error:")} ${p}\n`);

  const results: (CaseResult | TwoSidedResult)[] = [];
  const targets = new Map<string, OpenedTarget>();
  // A cmd: target blocks this thread for at most its flow timeout; the signal is handled
  // right after, its program ended.
  const stopListening = onInterrupt((signal) => {
    process.stdout.write(
      `${interruptedLine(signal)} after ${results.length} of ${work.length} inputs\n`,
    );
  });
  try {
    for (const item of work) {
      await yieldToSignals();
      const file = item.kind === "case" ? item.file : item.input.file;
      const name =
        flags.target ??
        (item.kind === "case" ? item.corpusCase.found?.target : undefined) ??
        "builtin";
      let target = targets.get(name);
      if (!target) {
        target = await openTarget(name);
        targets.set(name, target);
      }
      let result: CaseResult | TwoSidedResult;
      try {
        result =
          item.kind === "case"
            ? replayCase(item.file, item.corpusCase, target)
            : replayTwoSided(item.input, target);
      } catch (error) {
        const problem = problemOf(file, error);
        problems.push(problem);
        if (!flags.json) process.stderr.write(`${pc.red("error:")} ${problem}\n`);
        continue;
      }
      results.push(result);
      if (!flags.json) out.write(result.kind === "case" ? caseText(result) : twoSidedText(result));
    }
  } finally {
    await yieldToSignals();
    stopListening();
    for (const target of targets.values()) await target.close();
  }

  const matched = results.filter((r) => r.matched).length;
  if (flags.json) out.write(`${JSON.stringify(replayDocument(results, problems), null, 2)}\n`);
  else out.write(summaryText(matched, results.length, problems));
  if (problems.length > 0) return EXIT.usage;
  return matched === results.length ? EXIT.ok : EXIT.failed;
}
