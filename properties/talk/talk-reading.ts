// What the talk properties read back from a flow's datagrams, by the length and version
// rules of ip_conntrack_talk/ip_nat_talk (docs/talk.md): which datagram is an answer or a
// request of a layout the helper takes, and what it names.

import type { Flow } from "../../helpers/core/model.ts";
import { LAYOUT, type TalkFlavour } from "./talk-bytes.ts";

export interface TalkOptions {
  port: number;
  lookup: boolean;
  ntalk: boolean;
  ntalk2: boolean;
  /** The module registered a helper on the port at all. */
  registered: boolean;
}

const on = (value: unknown) => value === undefined || value === 1 || value === true;

export function talkOptions(flow: Flow): TalkOptions {
  const config = flow.config ?? {};
  const port = flow.server.port;
  const ntalk = on(config.ntalk);
  const ntalk2 = on(config.ntalk2);
  const registered = port === 517 ? on(config.talk) : ntalk || ntalk2;
  return { port, lookup: config.mode === "lookup", ntalk, ntalk2, registered };
}

/** The type whose successful answer opens a pinhole. */
export function modeType(options: TalkOptions): number {
  return options.lookup ? 1 : 3;
}

export function answerFlavour(data: Uint8Array, options: TalkOptions): TalkFlavour | null {
  if (options.port === 517) return data.length === 24 ? "talk" : null;
  if (options.ntalk && data.length === 24 && data[0] === 1) return "ntalk";
  if (options.ntalk2 && data.length >= 36 && data[0] === 2) return "ntalk2";
  return null;
}

export function messageFlavour(data: Uint8Array, options: TalkOptions): TalkFlavour | null {
  if (options.port === 517) return data.length === 76 ? "talk" : null;
  if (options.ntalk && data.length === 84 && data[0] === 1) return "ntalk";
  if (options.ntalk2 && data.length >= 84 && data[0] === 2 && data.length === 84 + data[3]) {
    return "ntalk2";
  }
  return null;
}

export interface ReadAnswer {
  type: number;
  answer: number;
  port: number;
  ip: string;
}

export function readAnswer(data: Uint8Array, options: TalkOptions): ReadAnswer | null {
  const flavour = answerFlavour(data, options);
  if (flavour === null) return null;
  const layout = LAYOUT[flavour].answer;
  const at = layout.addr;
  return {
    type: data[layout.type],
    answer: data[layout.answer],
    port: (data[at + 2] << 8) | data[at + 3],
    ip: `${data[at + 4]}.${data[at + 5]}.${data[at + 6]}.${data[at + 7]}`,
  };
}

/** The index of the reply datagram that opens the connection's pinhole: the first
 * successful answer of the helper's type (the one expectation then waits, and no later
 * answer opens another). -1 = none. */
export function openingAnswer(flow: Flow): number {
  const options = talkOptions(flow);
  if (!options.registered) return -1;
  return flow.segments.findIndex((s) => {
    if (s.dir !== "reply") return false;
    const answer = readAnswer(s.data, options);
    return answer !== null && answer.answer === 0 && answer.type === modeType(options);
  });
}
