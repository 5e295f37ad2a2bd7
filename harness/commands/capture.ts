// `helperfuzz capture FILE.pcap [--server-side S.pcap] -o DIR`: a real capture kept as
// corpus cases, one per conversation, so it replays as a regression case. With both sides
// of a NAT box, the expected segments are what the box was seen to do (forwarded or not,
// bytes, seq); a capture does not show expectations, so those are the target's. With one
// side, the box's decisions cannot be seen: the whole expected outcome is the target's.

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Command } from "commander";
import { FlowError } from "../../helpers/core/model.ts";
import { type CorpusCase, caseToJson, type ExpectedOutcome } from "../corpus.ts";
import type { TwoSidedComparison } from "../pcap/two-sided-compare.ts";
import { CAPTURE_FILE, captureCases, captureOptionsFrom } from "../replay/replay-inputs.ts";
import { loadTwoSided, replayTwoSided } from "../replay/replay-two-sided.ts";
import { openTarget } from "../targets/open-target.ts";
import { UsageError } from "../usage.ts";
import type { ExitWith } from "./exit.ts";

interface CaptureFlags {
  output: string;
  serverSide?: string;
  nat?: string;
  config?: string;
  helper?: string;
  port?: string;
  target: string;
  name?: string;
}

export function registerCaptureCommand(program: Command, exit: ExitWith): void {
  program
    .command("capture")
    .description(
      "turn a capture (one side, or both sides of a NAT box) into corpus cases, one per conversation, with the observed outcome as expected",
    )
    .argument(
      "<capture>",
      "the capture (.pcap, .pcapng, .cap); with --server-side, the client's side",
    )
    .requiredOption("-o, --output <dir>", "the folder to write the cases to (made if missing)")
    .option(
      "--server-side <capture>",
      "the capture on the server's side of the box: the expected segments are what the box did",
    )
    .option("--nat <addr>", "one side only: the NAT address the capture was taken behind")
    .option(
      "--helper <name>",
      "the helper whose conversations to take (default: every helper with one on its port)",
    )
    .option("--port <n>", "the server port (default: the helper's)")
    .option(
      "--config <json>",
      "the helper options the box ran with, as JSON, e.g. '{\"loose\":true}'",
    )
    .option(
      "--target <name>",
      "whose outcome fills in what the capture cannot show (builtin, spec, module:PATH, cmd:COMMAND)",
      "spec",
    )
    .option("--name <prefix>", "file names are PREFIX-N.json (default: the capture's name)")
    .action(async (file: string, flags: CaptureFlags) => {
      const written = await writeCaptureCases(file, flags);
      for (const { path, name } of written) process.stdout.write(`wrote ${path}: ${name}\n`);
      exit(0);
    });
}

function observedExpected(
  comparison: TwoSidedComparison,
  tcp: boolean,
  base: ExpectedOutcome,
): ExpectedOutcome {
  return {
    expectations: base.expectations,
    segments: comparison.segments.map(({ input, box }) =>
      box === null
        ? { verdict: "drop", data: input.data, ...(tcp ? { seq: input.seq } : {}) }
        : { verdict: "accept", data: box.data, ...(tcp ? { seq: box.seq } : {}) },
    ),
  };
}

async function casesOf(file: string, flags: CaptureFlags): Promise<CorpusCase[]> {
  if (!CAPTURE_FILE.test(file))
    throw new UsageError(`${file}: not a capture (.pcap, .pcapng, .cap)`);
  const options = captureOptionsFrom(flags);
  const target = await openTarget(flags.target);
  try {
    if (flags.serverSide === undefined) {
      return captureCases(file, options).map((c) => ({
        ...c,
        description: `From the capture ${basename(file)}. One side of a box does not show what it did: the expected outcome is the ${target.name} target's.`,
        expected: target.run(c.flow),
      }));
    }
    const { inputs, problems } = loadTwoSided(file, flags.serverSide, options);
    if (problems.length > 0) throw new FlowError(problems.join("; "));
    return inputs.map((input) => {
      const result = replayTwoSided(input, target);
      const extra = result.comparison.extra.length;
      const unshown =
        extra === 0
          ? ""
          : ` The box also sent ${extra} segment(s) no input accounts for; a case cannot hold them.`;
      return {
        name: `${basename(file)} + ${basename(input.serverFile)}: ${input.name}`,
        description: `From the captures ${basename(file)} (client side) and ${basename(input.serverFile)} (server side) of a NAT box. The expected segments are what the box forwarded (bytes and seq as the server side shows them for orig, the client side for reply; drop = no copy seen). Captures do not show expectations: those are the ${target.name} target's.${unshown}`,
        property: "capture",
        flow: result.flow,
        expected: observedExpected(result.comparison, result.flow.l4 === "tcp", result.outcome),
      };
    });
  } finally {
    await target.close();
  }
}

/** Writes every case, refusing to overwrite one; returns what was written. */
export async function writeCaptureCases(
  file: string,
  flags: CaptureFlags,
): Promise<{ path: string; name: string }[]> {
  const cases = await casesOf(file, flags);
  const prefix = flags.name ?? basename(file).replace(CAPTURE_FILE, "");
  const paths = cases.map((_, i) => join(flags.output, `${prefix}-${i + 1}.json`));
  for (const path of paths) {
    if (existsSync(path)) throw new UsageError(`${path} exists: remove it or choose --name`);
  }
  try {
    mkdirSync(flags.output, { recursive: true });
    cases.forEach((c, i) => {
      writeFileSync(paths[i], caseToJson(c));
    });
  } catch (error) {
    throw new FlowError(`cannot write the cases to ${flags.output}: ${(error as Error).message}`);
  }
  return cases.map((c, i) => ({ path: paths[i], name: c.name }));
}
