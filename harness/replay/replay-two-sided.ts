// `replay CLIENT.pcap --server-side SERVER.pcap`: the captures on both sides of a NAT box,
// paired conversation by conversation and segment by segment, against the model.

import { canonicalAddress } from "../../helpers/core/address.ts";
import { type Flow, FlowError, type Outcome } from "../../helpers/core/model.ts";
import type { SyncTarget } from "../../properties/core/property.ts";
import { compareTwoSided, type TwoSidedComparison } from "../pcap/two-sided-compare.ts";
import {
  type ConversationPair,
  pairConversations,
  type TwoSidedFlow,
  twoSidedFlow,
} from "../pcap/two-sided-flow.ts";
import { type CaptureOptions, captureConversations, conversationName } from "./replay-inputs.ts";

export interface TwoSidedInput {
  file: string;
  serverFile: string;
  name: string;
  pair: ConversationPair;
  built: TwoSidedFlow;
}

export interface TwoSidedResult {
  kind: "two-sided";
  file: string;
  serverFile: string;
  name: string;
  clientNumber: number;
  serverNumber: number;
  flow: Flow;
  target: string;
  /** The model's outcome for the flow the box received. */
  outcome: Outcome;
  comparison: TwoSidedComparison;
  matched: boolean;
}

/** The conversation pairs, and what could not be paired (each a problem of the input). */
export function loadTwoSided(
  file: string,
  serverFile: string,
  options: CaptureOptions,
): { inputs: TwoSidedInput[]; problems: string[] } {
  const clientSide = captureConversations(file, options);
  const serverSide = captureConversations(serverFile, { ...options, nat: undefined });
  const pairing = pairConversations(clientSide, serverSide);
  const problems = [
    ...pairing.unpairedClient.map(
      (n) =>
        `${file}: ${conversationName(clientSide[n - 1], n)} has no conversation with the same server in ${serverFile} (destination NAT is not modelled)`,
    ),
    ...pairing.unpairedServer.map(
      (n) =>
        `${serverFile}: ${conversationName(serverSide[n - 1], n)} has no counterpart in ${file}`,
    ),
  ];
  const inputs = pairing.pairs.map((pair) => {
    const built = twoSidedFlow(pair, options.config);
    const seen = pair.server.client.addr;
    if (options.nat !== undefined && canonicalAddress(options.nat) !== canonicalAddress(seen)) {
      throw new FlowError(
        `--nat ${options.nat}, but ${serverFile} shows the client as ${seen}: the server side decides the NAT address; leave --nat out`,
      );
    }
    return {
      file,
      serverFile,
      name: conversationName(pair.client, pair.clientNumber),
      pair,
      built,
    };
  });
  return { inputs, problems };
}

export function replayTwoSided(input: TwoSidedInput, target: SyncTarget): TwoSidedResult {
  const { flow } = input.built;
  const outcome = target.run(flow);
  const comparison = compareTwoSided(input.built, outcome);
  return {
    kind: "two-sided",
    file: input.file,
    serverFile: input.serverFile,
    name: input.name,
    clientNumber: input.pair.clientNumber,
    serverNumber: input.pair.serverNumber,
    flow,
    target: target.name,
    outcome,
    comparison,
    matched: comparison.matched,
  };
}
