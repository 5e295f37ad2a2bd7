// What the unit tests beside each file share: a SIP context for a small connection and a
// message made of text. Not used by the model itself.

import type { Dir, Flow, L4 } from "../../core/model.ts";
import { connectionOf } from "../../spec-core/connection.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import { parseSipConfig } from "./config.ts";
import { SIP_MAX_EXPECTED, type SipContext } from "./context.ts";
import type { Message } from "./message.ts";

export const CLIENT = "10.0.0.2";
export const SERVER = "203.0.113.5";
export const NAT = "198.51.100.1";
export const CLIENT6 = "2001:db8::2";
export const SERVER6 = "2001:db8:1::5";
export const NAT6 = "2001:db8:2::1";

export interface ContextOptions {
  family?: 4 | 6;
  l4?: L4;
  nat?: boolean;
  dir?: Dir;
  config?: Record<string, unknown>;
}

export function testContext(options: ContextOptions = {}): SipContext {
  const v6 = options.family === 6;
  const flow: Flow = {
    helper: "sip",
    l4: options.l4 ?? "udp",
    client: { addr: v6 ? CLIENT6 : CLIENT, port: 5060 },
    server: { addr: v6 ? SERVER6 : SERVER, port: 5060 },
    ...(options.nat ? { nat: { client: { addr: v6 ? NAT6 : NAT } } } : {}),
    segments: [],
  };
  return {
    connection: connectionOf(flow, { helper: "sip", l4: ["udp", "tcp"] }),
    config: parseSipConfig(options.config),
    master: { registerCseq: 0, inviteCseq: 0, forcedDport: 0 },
    expectations: new ExpectationList(SIP_MAX_EXPECTED),
    dir: options.dir ?? "orig",
  };
}

/** A message of the whole text (`\n` stays as written: use \r\n explicitly). */
export function textMessage(text: string): Message {
  const data = new TextEncoder().encode(text);
  return { packet: { data }, start: 0, length: data.length };
}

export function messageText(message: Message): string {
  return new TextDecoder().decode(message.packet.data);
}

export const strict = { strictParsing: true };
export const lenient = { strictParsing: false };
