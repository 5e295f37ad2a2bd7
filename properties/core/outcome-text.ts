// Compact text of outcomes and segments for property failure messages: one line per
// expectation and per segment, bytes shown as escaped ASCII.

import type { Expectation, Outcome, SegmentOutcome } from "../../helpers/core/model.ts";

export function bytesText(bytes: Uint8Array, limit = 80): string {
  let text = "";
  for (const byte of bytes.subarray(0, limit)) {
    if (byte === 0x0d) text += "\\r";
    else if (byte === 0x0a) text += "\\n";
    else if (byte === 0x5c) text += "\\\\";
    else if (byte >= 0x20 && byte < 0x7f) text += String.fromCharCode(byte);
    else text += `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return bytes.length > limit ? `${text}…(${bytes.length} bytes)` : text;
}

export function expectationText(e: Expectation): string {
  const side = (addr: string | null, port: number | null) =>
    `${addr === null ? "*" : addr.includes(":") ? `[${addr}]` : addr}:${port ?? "*"}`;
  const src = e.srcMask === undefined || e.src === null ? e.src : `${e.src}/${e.srcMask}`;
  return `${e.l4} ${side(src, e.sport)} -> ${side(e.dst, e.dport)}${e.permanent ? " permanent" : ""}`;
}

export function segmentOutcomeText(s: SegmentOutcome): string {
  return `${s.verdict} seq=${s.seq} "${bytesText(s.data)}"`;
}

export function outcomeText(outcome: Outcome): string {
  const lines = [`expectations (${outcome.expectations.length}):`];
  for (const e of outcome.expectations) lines.push(`  ${expectationText(e)}`);
  lines.push(`segments (${outcome.segments.length}):`);
  outcome.segments.forEach((s, i) => {
    lines.push(`  #${i} ${segmentOutcomeText(s)}`);
  });
  return lines.join("\n");
}

/** The first place two outcomes differ, in words; undefined when they are equal. */
export function outcomeDifference(a: Outcome, b: Outcome): string | undefined {
  const count = Math.max(a.expectations.length, b.expectations.length);
  for (let i = 0; i < count; i++) {
    const x = a.expectations[i];
    const y = b.expectations[i];
    if (!x || !y || expectationText(x) !== expectationText(y)) {
      return `expectation #${i}: ${x ? expectationText(x) : "(none)"} vs ${y ? expectationText(y) : "(none)"}`;
    }
  }
  const segments = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < segments; i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (!x || !y || segmentOutcomeText(x) !== segmentOutcomeText(y) || !sameBytes(x.data, y.data)) {
      return `segment #${i}: ${x ? segmentOutcomeText(x) : "(none)"} vs ${y ? segmentOutcomeText(y) : "(none)"}`;
    }
  }
  return undefined;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
