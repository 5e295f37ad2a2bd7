// The CVE-2022-2663 shapes: a DCC the client did not ask for, which pre-2022 kernels found
// anywhere in a client segment. A remote party gets it echoed: in a PONG to a crafted PING,
// in a NOTICE/CTCP reply, after other text of a PRIVMSG, or in a lower-case "dcc". The DCC
// names the client itself on a real port, so only where it sits keeps it harmless.

import fc from "fast-check";
import { asciiBytes, type LineTemplate } from "../core/dialogue-flow.ts";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import { dccAddressText } from "./dcc-address.ts";
import { dccType, NICKS } from "./dcc-line.ts";
import { plainDccPort } from "./dcc-port.ts";

export type AttackShape =
  | "pong-echo"
  | "notice-echo"
  | "ctcp-ping-echo"
  | "text-before"
  | "lowercase-dcc"
  | "second-line"
  | "server-prefix";

/** "\x01DCC <type> x <client> <port> 1" (or lower case), the payload being smuggled. */
function smuggled(type: string, port: string, lower: boolean, flow: FlowSkeleton): string {
  const dcc = lower ? `dcc ${type.toLowerCase()}` : `DCC ${type}`;
  return `\x01${dcc} x ${dccAddressText({ kind: "client" }, flow)} ${port} 1\x01`;
}

function render(shape: AttackShape, nick: string, payload: string): string {
  switch (shape) {
    case "pong-echo":
      return `PONG :${payload}\r\n`;
    case "notice-echo":
      return `NOTICE ${nick} :${payload}\r\n`;
    case "ctcp-ping-echo":
      return `PRIVMSG ${nick} :\x01PING ${payload}\x01\r\n`;
    case "text-before":
      return `PRIVMSG ${nick} :hi ${payload}\r\n`;
    case "lowercase-dcc":
      return `PRIVMSG ${nick} :${payload}\r\n`;
    case "second-line":
      return `PONG :irc.example.net\r\nPRIVMSG ${nick} :${payload}\r\n`;
    case "server-prefix":
      return `:${nick}!u@host PRIVMSG alice :${payload}\r\n`;
  }
}

export function attackShape(): fc.Arbitrary<AttackShape> {
  return fc.constantFrom(
    "pong-echo",
    "notice-echo",
    "ctcp-ping-echo",
    "text-before",
    "lowercase-dcc",
    "second-line",
    "server-prefix",
  );
}

/** Shapes carrying a "PRIVMSG " after their start, which a segment boundary can expose. */
export const INNER_PRIVMSG: readonly AttackShape[] = ["second-line", "server-prefix"];

/** A client line echoing a DCC somewhere the 2022 matching does not look. */
export function attackLine(shapes = attackShape()): fc.Arbitrary<LineTemplate> {
  return fc
    .tuple(shapes, fc.constantFrom(...NICKS), dccType(), plainDccPort())
    .map(([shape, nick, type, port]) => ({
      dir: "orig" as const,
      render: (flow) =>
        asciiBytes(render(shape, nick, smuggled(type, port, shape === "lowercase-dcc", flow))),
    }));
}

/** The server relaying a peer's DCC (or a crafted PING) to the client: reply direction. */
export function serverDccLine(): fc.Arbitrary<LineTemplate> {
  return fc
    .tuple(
      fc.constantFrom("relayed", "ping", "bare"),
      fc.constantFrom(...NICKS),
      dccType(),
      plainDccPort(),
    )
    .map(([kind, nick, type, port]) => ({
      dir: "reply" as const,
      render: (flow) => {
        const payload = smuggled(type, port, false, flow);
        if (kind === "ping") return asciiBytes(`PING :${payload}\r\n`);
        if (kind === "bare") return asciiBytes(`PRIVMSG ${nick} :${payload}\r\n`);
        return asciiBytes(`:${nick}!u@198.18.7.7 PRIVMSG alice :${payload}\r\n`);
      },
    }));
}
