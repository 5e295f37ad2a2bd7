// Memory growth of a long-lived target across flows. A leak is growth that keeps coming:
// after a warm-up (caches, JIT, heap sizing), resident memory grew by at least minGrowth and
// by at least bytesPerFlow per flow on average since the warm-up ended.

import { readFileSync } from "node:fs";

export interface LeakRule {
  /** Flows before the baseline is taken. */
  warmupFlows: number;
  /** Sample every this many flows (reading /proc costs a little). */
  sampleEvery: number;
  minGrowthBytes: number;
  bytesPerFlow: number;
}

export const DEFAULT_LEAK_RULE: LeakRule = {
  warmupFlows: 200,
  sampleEvery: 25,
  minGrowthBytes: 64 * 1024 * 1024,
  bytesPerFlow: 16 * 1024,
};

/** Resident set size of a process in bytes, or null when it cannot be read. */
export function residentBytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface LeakReport {
  flows: number;
  fromBytes: number;
  toBytes: number;
}

export class MemoryWatch {
  private flows = 0;
  private baseline: { flows: number; bytes: number } | null = null;

  constructor(private readonly rule: LeakRule) {}

  /** Call after each flow with a way to read the current size; a report means a leak. */
  afterFlow(read: () => number | null): LeakReport | undefined {
    this.flows++;
    if (this.flows < this.rule.warmupFlows || this.flows % this.rule.sampleEvery !== 0) {
      return undefined;
    }
    const bytes = read();
    if (bytes === null) return undefined;
    if (this.baseline === null) {
      this.baseline = { flows: this.flows, bytes };
      return undefined;
    }
    return judgeGrowth(this.rule, this.baseline, { flows: this.flows, bytes });
  }

  /** A new process starts a new count. */
  reset(): void {
    this.flows = 0;
    this.baseline = null;
  }
}

export function judgeGrowth(
  rule: Pick<LeakRule, "minGrowthBytes" | "bytesPerFlow">,
  from: { flows: number; bytes: number },
  to: { flows: number; bytes: number },
): LeakReport | undefined {
  const growth = to.bytes - from.bytes;
  const flows = to.flows - from.flows;
  if (flows <= 0 || growth < rule.minGrowthBytes || growth / flows < rule.bytesPerFlow) {
    return undefined;
  }
  return { flows, fromBytes: from.bytes, toBytes: to.bytes };
}
