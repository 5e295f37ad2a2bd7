// `helperfuzz pcap CASE.json -o out.pcap [--server-side out2.pcap]`: a corpus case or a
// saved finding as a capture for Wireshark or tcpreplay; the server-side capture shows what
// the target forwarded (the NAT address, rewritten payload, adjusted seqs).

import { readFileSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { type Flow, FlowError, type Outcome } from "../../helpers/core/model.ts";
import { type CorpusCase, parseCaseText } from "../corpus.ts";
import { readCaptureFrames } from "../pcap/capture-file.ts";
import { flowToPcap } from "../pcap/flow-to-pcap.ts";
import { type OpenedTarget, openTarget } from "../targets/open-target.ts";
import { UsageError } from "../usage.ts";

export { readFlowsFromPcap } from "../pcap/read-flows.ts";

interface PcapFlags {
  output: string;
  serverSide?: string;
  target?: string;
}

export function registerPcapCommand(program: Command): void {
  program
    .command("pcap")
    .description("write a corpus case or a saved finding as a pcap capture")
    .argument("<case>", "case file (corpus JSON, or a finding saved by run)")
    .requiredOption("-o, --output <file>", "the capture: the flow as client and server sent it")
    .option(
      "--server-side <file>",
      "also the capture on the server's side of the target: NAT address, rewritten payload",
    )
    .option(
      "--target <name>",
      "with --server-side: the target whose outcome it shows (builtin, spec, module:PATH, cmd:COMMAND, cthelper:NAME|PATH.so; default builtin)",
    )
    .action((file: string, flags: PcapFlags) => writeCaseCaptures(file, flags));
}

async function writeCaseCaptures(file: string, flags: PcapFlags): Promise<void> {
  if (flags.target !== undefined && flags.serverSide === undefined) {
    throw new UsageError(
      "--target chooses whose outcome the server side shows: give it with --server-side FILE",
    );
  }
  refuseOverwrite(file, flags);
  const { flow } = readCase(file);
  let clientSide = flowToPcap(flow);
  // Run the target before writing anything, so a failure leaves no half-written pair.
  let serverSide: { bytes: Uint8Array; target: string } | null = null;
  if (flags.serverSide) {
    const target = await openTarget(flags.target ?? "builtin");
    try {
      const outcome = runNamingFile(target, flow, file);
      // A pair shows both wires of the box: the client sees the server's segments as the
      // box forwarded them (a rewritten 227, say).
      clientSide = flowToPcap(flow, outcome);
      serverSide = {
        bytes: flowToPcap(flow, outcome, { side: "server" }),
        target: target.name,
      };
    } finally {
      await target.close();
    }
  }
  writeCapture(flags.output, clientSide, "the flow as client and server sent it");
  if (serverSide && flags.serverSide) {
    writeCapture(flags.serverSide, serverSide.bytes, `the server's side of ${serverSide.target}`);
  }
}

/** The target's outcome; a flow it refuses (a helper it does not know) names the case file. */
function runNamingFile(target: OpenedTarget, flow: Flow, file: string): Outcome {
  try {
    return target.run(flow);
  } catch (error) {
    if (error instanceof FlowError || error instanceof UsageError) {
      throw new FlowError(`${file}: ${error.message}`);
    }
    throw error;
  }
}

/** Two of the three paths naming one file would overwrite the case or one capture. */
function refuseOverwrite(file: string, flags: PcapFlags): void {
  const paths = [
    ["the case", file],
    ["-o", flags.output],
    ["--server-side", flags.serverSide],
  ].filter((p): p is [string, string] => p[1] !== undefined);
  for (const [i, [what, path]] of paths.entries()) {
    const clash = paths.slice(i + 1).find(([, other]) => resolve(other) === resolve(path));
    if (clash) throw new UsageError(`${clash[0]} ${clash[1]} is the same file as ${what}`);
  }
}

/** The case file, refused with its name when it is not one: a folder, a capture or other
 * binary data is named as such rather than echoed into the terminal by a JSON error. */
function readCase(file: string): CorpusCase {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new FlowError(`${file}: is a folder, not a case file`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof FlowError) throw error;
    throw new FlowError(`${file}: cannot read: ${(error as Error).message}`);
  }
  const capture = captureFormat(bytes);
  if (capture) {
    throw new FlowError(
      `${file}: is a ${capture} capture, not a case file (captures are read by replay: helperfuzz replay ${file})`,
    );
  }
  const text = textOf(bytes);
  if (text === undefined) {
    throw new FlowError(`${file}: not a case file: binary data, not JSON text`);
  }
  return parseCaseText(text, file);
}

/** The leading magic numbers of the two capture formats (pcap-savefile(5), pcapng SHB). */
function captureFormat(bytes: Uint8Array): "pcap" | "pcapng" | undefined {
  if (bytes.length < 4) return undefined;
  const magic = Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0);
  if (magic === 0x0a0d0d0a) return "pcapng";
  const classic = [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1];
  return classic.includes(magic) ? "pcap" : undefined;
}

/** The bytes as text, or undefined when they are not UTF-8 or hold control characters that
 * JSON never has outside a string escape. */
function textOf(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? undefined : text;
}

function writeCapture(path: string, bytes: Uint8Array, what: string): void {
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    throw new FlowError(`cannot write ${path}: ${(error as Error).message}`);
  }
  const packets = readCaptureFrames(bytes).length;
  process.stdout.write(`wrote ${path}: ${packets} packets, ${what}\n`);
}
