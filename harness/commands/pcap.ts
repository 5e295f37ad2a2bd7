// `helperfuzz pcap CASE.json -o out.pcap [--server-side out2.pcap]`: a corpus case or a
// saved finding as a capture for Wireshark or tcpreplay; the server-side capture shows what
// the target forwarded (the NAT address, rewritten payload, adjusted seqs).

import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { FlowError } from "../../helpers/core/model.ts";
import { loadCase } from "../corpus.ts";
import { flowToPcap } from "../pcap/flow-to-pcap.ts";
import { openTarget } from "../targets/open-target.ts";

export { readFlowsFromPcap } from "../pcap/read-flows.ts";

interface PcapFlags {
  output: string;
  serverSide?: string;
  target: string;
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
      "target whose outcome the server side shows (builtin, spec, module:PATH, cmd:COMMAND, cthelper:NAME|PATH.so)",
      "builtin",
    )
    .action((file: string, flags: PcapFlags) => writeCaseCaptures(file, flags));
}

async function writeCaseCaptures(file: string, flags: PcapFlags): Promise<void> {
  const { flow } = loadCase(file);
  const clientSide = flowToPcap(flow);
  // Run the target before writing anything, so a failure leaves no half-written pair.
  let serverSide: Uint8Array | null = null;
  if (flags.serverSide) {
    const target = await openTarget(flags.target);
    try {
      serverSide = flowToPcap(flow, target.run(flow), { side: "server" });
    } finally {
      await target.close();
    }
  }
  writeCapture(flags.output, clientSide);
  if (serverSide && flags.serverSide) writeCapture(flags.serverSide, serverSide);
}

function writeCapture(path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    throw new FlowError(`cannot write ${path}: ${(error as Error).message}`);
  }
}
