// Human-readable text for flows and outcomes: what a failure report shows.

import pc from "picocolors";
import type { Expectation, Flow, Outcome } from "../helpers/core/model.ts";

/** Bytes as a quoted string: printable ASCII as is, everything else escaped. */
export function quoteBytes(data: Uint8Array, max = 120): string {
  let text = "";
  const shown = Math.min(data.length, max);
  for (let i = 0; i < shown; i++) {
    const b = data[i];
    if (b === 0x0d) text += "\\r";
    else if (b === 0x0a) text += "\\n";
    else if (b === 0x09) text += "\\t";
    else if (b === 0x22 || b === 0x5c) text += "\\" + String.fromCharCode(b);
    else if (b >= 0x20 && b < 0x7f) text += String.fromCharCode(b);
    else text += "\\x" + b.toString(16).padStart(2, "0");
  }
  const more = data.length > max ? `…(+${data.length - max} bytes)` : "";
  return `"${text}"${more}`;
}

function hostPort(addr: string | null, port: number | null): string {
  const host = addr === null ? "*" : addr.includes(":") ? `[${addr}]` : addr;
  return `${host}:${port === null ? "*" : port}`;
}

export function renderExpectation(e: Expectation): string {
  return `${e.l4} ${hostPort(e.src, e.sport)} -> ${hostPort(e.dst, e.dport)}`;
}

export function renderFlow(flow: Flow): string[] {
  const lines = [
    `helper ${flow.helper}/${flow.l4}  client ${hostPort(flow.client.addr, flow.client.port)}  server ${hostPort(flow.server.addr, flow.server.port)}` +
      (flow.nat ? `  nat client→${flow.nat.client.addr}` : "") +
      (flow.config && Object.keys(flow.config).length
        ? `  config ${JSON.stringify(flow.config)}`
        : ""),
  ];
  flow.segments.forEach((s, i) => {
    const seq = s.seq === undefined ? "" : ` seq=${s.seq}`;
    lines.push(`  #${i} ${s.dir.padEnd(5)}${seq} ${quoteBytes(s.data)}`);
  });
  return lines;
}

export function renderOutcome(outcome: Outcome): string[] {
  const lines: string[] = [];
  if (outcome.expectations.length === 0) lines.push("expectations: none");
  for (const e of outcome.expectations) lines.push(`expect ${renderExpectation(e)}`);
  outcome.segments.forEach((s, i) => {
    lines.push(`#${i} ${s.verdict.padEnd(6)} seq=${s.seq} ${quoteBytes(s.data, 60)}`);
  });
  return lines;
}

/** Two outcomes in columns; rows that differ are marked. */
export function renderSideBySide(
  leftTitle: string,
  left: Outcome | string,
  rightTitle: string,
  right: Outcome | string,
): string[] {
  const a = typeof left === "string" ? [left] : renderOutcome(left);
  const b = typeof right === "string" ? [right] : renderOutcome(right);
  const width = Math.max(leftTitle.length, ...a.map((l) => l.length)) + 2;
  const rows = [`  ${leftTitle.padEnd(width)}${rightTitle}`];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const l = a[i] ?? "";
    const r = b[i] ?? "";
    const mark = l === r ? "  " : pc.red("≠ ");
    rows.push(`${mark}${l.padEnd(width)}${r}`);
  }
  return rows;
}
