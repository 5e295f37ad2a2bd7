// A SIP message as parts: start line, header lines, an optional body, and how its
// Content-Length is written. render() gives the bytes; the length rules are what TCP framing
// (and NAT's Content-Length recomputation) depend on.

import fc from "fast-check";
import type { SipText, SipView } from "./sip-view.ts";

export type ContentLengthSpelling =
  | { kind: "exact" }
  | { kind: "missing" }
  | { kind: "offset"; by: number }
  | { kind: "text"; text: string };

export interface SipMessage {
  start: SipText;
  headers: SipText[];
  body: SipText | null;
  contentLength: ContentLengthSpelling;
  /** "Content-Length: " as spelled (compact l:, odd case, folding). */
  contentLengthName: string;
  /** Where Content-Length goes among the headers (index, clamped). */
  contentLengthAt: number;
  /** false: the header block is not closed by CRLFCRLF (a truncated message). */
  terminated: boolean;
}

export function renderMessage(message: SipMessage, view: SipView): string {
  const body = message.body ? message.body(view) : "";
  const lines = message.headers.map((h) => h(view));
  const cl = message.contentLength;
  if (cl.kind !== "missing") {
    const value =
      cl.kind === "exact"
        ? String(body.length)
        : cl.kind === "offset"
          ? String(Math.max(0, body.length + cl.by))
          : cl.text;
    lines.splice(
      Math.min(message.contentLengthAt, lines.length),
      0,
      `${message.contentLengthName}${value}`,
    );
  }
  const head = [message.start(view), ...lines].join("\r\n");
  return message.terminated ? `${head}\r\n\r\n${body}` : `${head}\r\n${body}`;
}

/** How Content-Length is written: mostly exact; else missing, larger or smaller than the
 * body, or a spelling the number parser must survive. */
export function contentLengthSpelling(): fc.Arbitrary<ContentLengthSpelling> {
  return fc.oneof(
    { weight: 40, arbitrary: fc.constant<ContentLengthSpelling>({ kind: "exact" }) },
    { weight: 1, arbitrary: fc.constant<ContentLengthSpelling>({ kind: "missing" }) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: -40, max: 400 })
        .filter((n) => n !== 0)
        .map((by): ContentLengthSpelling => ({ kind: "offset", by })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("", "-999", "0x10", "4294967296", "99999999999", " 0", "abc")
        .map((text): ContentLengthSpelling => ({ kind: "text", text })),
    },
  );
}

export function withBytes(message: SipMessage): fc.Arbitrary<SipMessage> {
  return fc.constant(message);
}
