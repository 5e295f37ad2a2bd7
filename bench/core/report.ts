// Text tables for the bench command.

import type { GateVerdict } from "./gate.ts";
import type { ByteScalingRow, ConnectionScalingRow } from "./scaling.ts";
import type { WorkloadResult } from "./suite-run.ts";

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** 3 significant digits with an SI suffix: 12.3M, 456k. */
export function si(value: number): string {
  const units: [number, string][] = [
    [1e12, "T"],
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [scale, unit] of units) {
    if (Math.abs(value) >= scale) return `${(value / scale).toPrecision(3)}${unit}`;
  }
  return value.toPrecision(3);
}

function percent(value: number): string {
  return `${value >= 0 ? "+" : ""}${(value * 100).toFixed(1)}%`;
}

export function workloadTable(results: readonly WorkloadResult[]): string[] {
  return table(
    ["workload", "packets/s", "bytes/s", "ns/packet", "× floor", "±", "floor", "spec ÷ fast"],
    results.map((r) => [
      r.name,
      si(r.packetsPerSecond),
      `${si(r.bytesPerSecond)}B`,
      r.nsPerPacket.toFixed(1),
      r.ratio.toFixed(2),
      `${(r.spread * 100).toFixed(1)}%`,
      r.floor,
      r.specTimes === undefined ? "-" : r.specTimes.toFixed(1),
    ]),
  );
}

/** One line per workload: each tree's median ratio over the deciding pairs (the fresh
 * re-measurement's for a suspect), the change and its 95 % interval. */
export function gateTable(verdicts: readonly GateVerdict[]): string[] {
  return table(
    ["workload", "base", "this", "change", "95% interval", "pairs", "verdict"],
    verdicts.map((v) => {
      const e = v.second ?? v.first;
      const pairs =
        v.first === undefined ? "-" : `${v.first.pairs}${v.second ? ` + ${v.second.pairs}` : ""}`;
      return [
        `${v.helper}/${v.workload}`,
        e === undefined ? "-" : e.base.toFixed(2),
        e === undefined ? "-" : e.changed.toFixed(2),
        e === undefined ? "-" : percent(e.change),
        e === undefined ? "-" : `${percent(e.low)} … ${percent(e.high)}`,
        pairs,
        v.status === "regressed" ? "REGRESSED" : v.status,
      ];
    }),
  );
}

export function byteScalingTable(rows: readonly ByteScalingRow[]): string[] {
  const names = Object.keys(rows[0]?.nsPerByte ?? {});
  return table(
    ["bytes", ...names.map((n) => `${n} ns/B`), "indexOf ns/B"],
    rows.map((r) => [
      String(r.size),
      ...names.map((n) => r.nsPerByte[n].toFixed(3)),
      r.indexOfNsPerByte.toFixed(3),
    ]),
  );
}

/** The helper's own share is the time above the lookup-only loop: that is what must stay
 * flat; the lookup itself grows with the table once it outgrows the caches. */
export function connectionScalingTable(rows: readonly ConnectionScalingRow[]): string[] {
  const helperNs = (r: ConnectionScalingRow) => Math.max(0, r.nsPerPacket - r.lookupNsPerPacket);
  const first = rows[0] === undefined ? 1 : Math.max(helperNs(rows[0]), 1e-9);
  const bytes = (r: ConnectionScalingRow, value: number) =>
    r.connections >= 1000 ? value.toFixed(0) : "-";
  return table(
    [
      "connections",
      "ns/packet",
      "lookup ns",
      "helper ns",
      "helper × 1 conn",
      "state B/conn",
      "heap B/conn",
    ],
    rows.map((r) => [
      String(r.connections),
      r.nsPerPacket.toFixed(1),
      r.lookupNsPerPacket.toFixed(1),
      helperNs(r).toFixed(1),
      (helperNs(r) / first).toFixed(2),
      bytes(r, r.stateBytesPerConnection),
      bytes(r, r.heapBytesPerConnection),
    ]),
  );
}
