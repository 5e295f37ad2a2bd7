// A capture file to the flows it holds on a helper's port: what `helperfuzz replay
// capture.pcap` runs.

import { readFileSync } from "node:fs";
import { type Flow, FlowError, type L4 } from "../../helpers/core/model.ts";
import { helperRegistry } from "../../helpers/registry.ts";
import { readCaptureFrames } from "./capture-file.ts";
import {
  type Conversation,
  conversationsFromPackets,
  conversationToFlow,
} from "./conversations.ts";
import { decodeIpPacket, type TransportPacket } from "./ip-packet.ts";
import { ipPayloadOfFrame } from "./link-layer.ts";

export interface ReadFlowsOptions {
  /** The helper whose flows these are (default ftp); its default port and transports apply. */
  helper?: string;
  /** The server port to pick conversations by (default: the helper's default port). */
  port?: number;
}

/** FTP_PORT: the default when no helper is named. */
const FTP_PORT = 21;
const DEFAULT_HELPER = "ftp";

export function readFlowsFromPcap(path: string, options: ReadFlowsOptions = {}): Flow[] {
  return readConversationsFromPcap(path, options).map(conversationToFlow);
}

export function readConversationsFromPcap(
  path: string,
  options: ReadFlowsOptions = {},
): Conversation[] {
  let file: Uint8Array;
  try {
    file = readFileSync(path);
  } catch (error) {
    throw new FlowError(`cannot read capture ${path}: ${(error as Error).message}`);
  }
  return conversationsFromCapture(file, options);
}

export function flowsFromCapture(file: Uint8Array, options: ReadFlowsOptions = {}): Flow[] {
  return conversationsFromCapture(file, options).map(conversationToFlow);
}

export function conversationsFromCapture(
  file: Uint8Array,
  options: ReadFlowsOptions = {},
): Conversation[] {
  const helper = options.helper ?? DEFAULT_HELPER;
  const registered = helperRegistry[helper]?.helper;
  const transports: readonly L4[] | undefined =
    registered === undefined ? undefined : (registered.transports ?? [registered.l4]);
  let port = options.port ?? registered?.defaultPort;
  if (port === undefined) {
    if (options.helper !== undefined) {
      throw new FlowError(`unknown helper ${JSON.stringify(helper)}: name the server port to read`);
    }
    port = FTP_PORT;
  }
  if (!Number.isInteger(port) || port < 1 || port > 0xffff) {
    throw new FlowError(`port ${port} is not a port number (1-65535)`);
  }
  const packets: TransportPacket[] = [];
  readCaptureFrames(file).forEach((frame, index) => {
    const ip = ipPayloadOfFrame(frame);
    if (ip === null) return;
    const packet = decodeIpPacket(ip, frame.data.length < frame.originalLength);
    if (packet !== null) packets.push({ ...packet, frame: index + 1 });
  });
  return conversationsFromPackets(packets, { port, helper, transports });
}
