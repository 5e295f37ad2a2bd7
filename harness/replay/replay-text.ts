// Replay results as text for a terminal. Differences show the segments' bytes in full
// (the side-by-side table cuts them; --json carries them in base64).

import pc from "picocolors";
import type { Dir } from "../../helpers/core/model.ts";
import type { CapturedSegment } from "../pcap/conversations.ts";
import { type SegmentDifference, sidesOf } from "../pcap/two-sided-compare.ts";
import {
  quoteBytes,
  renderExpectation,
  renderFlow,
  renderOutcome,
  renderSideBySide,
} from "../render.ts";
import type { CaseResult } from "./replay-case.ts";
import type { TwoSidedResult } from "./replay-two-sided.ts";

const indent = (lines: string[], by = "  ") => lines.map((line) => `${by}${line}\n`).join("");

export function caseText(r: CaseResult): string {
  let text = `${pc.bold(r.file)}: ${r.name}\n${indent(renderFlow(r.flow))}`;
  const sideBySide = () =>
    indent(renderSideBySide(r.target, r.outcome, r.reference, r.referenceOutcome!));
  const list = () => r.differences.map((d) => `    - ${d}\n`).join("");
  if (r.check === "property") {
    if (r.matched) return `${text}${pc.green(`  ${r.property} now holds on ${r.target}\n`)}\n`;
    text += pc.red(`  ${r.property} still fails on ${r.target}: ${r.message}\n`);
    return `${text}${sideBySide()}\n`;
  }
  if (r.check === "expected") {
    text += indent(typeof r.outcome === "string" ? [r.outcome] : renderOutcome(r.outcome));
    if (r.matched) return `${text}${pc.green(`  matches the expected outcome on ${r.target}\n`)}\n`;
    return `${text}${pc.red(`  differs from the expected outcome on ${r.target}:\n`)}${list()}\n`;
  }
  text += sideBySide();
  if (r.matched) return `${text}${pc.green("  target and reference agree\n")}\n`;
  return `${text}${pc.red(`  ${r.target} and ${r.reference} differ:\n`)}${list()}\n`;
}

function frameOf(side: "client" | "server", segment: CapturedSegment | null): string {
  return segment?.frame == null ? `${side} —` : `${side} frame ${segment.frame}`;
}

function seqAck(seq: number, ack: number | null): string {
  return ack === null ? `seq=${seq}` : `seq=${seq} ack=${ack}`;
}

export function describeDifference(d: SegmentDifference): string {
  switch (d.field) {
    case "verdict":
      return d.model === "accept"
        ? "the model forwards it; the box did not (no copy on the other side)"
        : "the model drops it; the box forwarded it";
    case "data":
      return `bytes differ from byte ${d.firstDifferentByte}: model ${quoteBytes(d.model, Infinity)} (${d.model.length} bytes), box ${quoteBytes(d.box, Infinity)} (${d.box.length} bytes)`;
    case "seq":
      return `seq: model ${d.model}, box ${d.box} (${signed(d.box - d.model)})`;
    case "ack":
      return `ack: model ${d.model}, box ${d.box} (${signed(d.box - d.model)})`;
  }
}

function signed(n: number): string {
  const wrapped = n | 0;
  return wrapped >= 0 ? `+${wrapped}` : `${wrapped}`;
}

function dirText(dir: Dir): string {
  return dir.padEnd(5);
}

export function twoSidedText(r: TwoSidedResult): string {
  const { comparison } = r;
  const nat = r.flow.nat
    ? `; NAT address ${r.flow.nat.client.addr} (from the server side)`
    : "; no NAT";
  let text = `${pc.bold(`${r.file} + ${r.serverFile}`)}: ${r.name}${nat}\n`;
  text += `  compared with ${r.target}: each data segment's verdict, bytes, seq and ack (stream offsets); not ports, IP IDs, checksums or TCP options\n`;
  for (const s of comparison.segments) {
    const sides = sidesOf(s.dir);
    const where = `${frameOf(sides.input, s.input)} → ${frameOf(sides.output, s.box)}`;
    const shown = s.box ?? s.input;
    const status = s.differences.length === 0 ? pc.green("agrees") : pc.red("differs");
    text += `  #${s.index} ${dirText(s.dir)} ${where}  ${seqAck(shown.seq, shown.ack)}  ${status}  ${quoteBytes(shown.data, 60)}\n`;
    for (const d of s.differences) text += pc.red(`      - ${describeDifference(d)}\n`);
  }
  for (const { dir, segment } of comparison.extra) {
    const side = sidesOf(dir).output;
    text += pc.red(
      `  extra ${dirText(dir)} ${frameOf(side, segment)}  ${seqAck(segment.seq, segment.ack)}  the box sent it; no segment it received accounts for it: ${quoteBytes(segment.data, Infinity)}\n`,
    );
  }
  const expectations = r.outcome.expectations.map(renderExpectation).join(", ") || "none";
  text += `  expectations (the model's; captures do not show the box's): ${expectations}\n`;
  const differing = comparison.segments.filter((s) => s.differences.length > 0).length;
  const total = comparison.segments.length;
  if (r.matched)
    return `${text}${pc.green(`  the box agrees with ${r.target} on all ${total} segments\n`)}\n`;
  const extra =
    comparison.extra.length === 0 ? "" : `, and sent ${comparison.extra.length} unaccounted for`;
  return `${text}${pc.red(`  the box differs from ${r.target} on ${differing} of ${total} segments${extra}\n`)}\n`;
}

export function summaryText(matched: number, total: number, problems: readonly string[]): string {
  const line = `${matched} of ${total} matched`;
  const colored = matched === total ? pc.green(line) : pc.red(line);
  if (problems.length === 0) return `${colored}\n`;
  const count =
    problems.length === 1
      ? "1 input could not be replayed"
      : `${problems.length} inputs could not be replayed`;
  return `${colored}; ${pc.red(count)}:\n${problems.map((p) => `  - ${p}\n`).join("")}`;
}
