// `helperfuzz pcap CASE.json -o out.pcap [--server-side out2.pcap]`: a corpus case or a
// saved finding as a capture for Wireshark or tcpreplay; the server-side capture shows what
// the target forwarded (the NAT address, rewritten payload, adjusted seqs).

import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { FlowError } from "../../helpers/core/model.ts";
import { loadCase } from "../corpus.ts";
import { flowToPcap } from "../pcap/flow-to-pcap.ts";
import { chooseTarget } from "./options.ts";

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
      "target whose outcome the server side shows (builtin or spec)",
      "builtin",
    )
    .action((file: string, flags: PcapFlags) => writeCaseCaptures(file, flags));
}

function writeCaseCaptures(file: string, flags: PcapFlags): void {
  const { flow } = loadCase(file);
  const clientSide = flowToPcap(flow);
  // Run the target before writing anything, so a failure leaves no half-written pair.
  const serverSide = flags.serverSide
    ? flowToPcap(flow, chooseTarget(flags.target).target.run(flow), { side: "server" })
    : null;
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
