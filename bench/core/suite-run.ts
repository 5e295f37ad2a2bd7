// One helper's workload table: every workload against its floor (the gate's figure) and
// against the spec model.

import type { HelperDefinition } from "../../helpers/core/helper.ts";
import { benchFlow, checkWorkload, WorkloadDriver } from "./drive.ts";
import { type MeasureSettings, measureCall, measureRatio } from "./measure.ts";
import type { BenchSuite, FloorKind, Workload } from "./workload.ts";

export interface WorkloadResult {
  name: string;
  floor: FloorKind;
  nsPerPacket: number;
  bytesPerPacket: number;
  packetsPerSecond: number;
  bytesPerSecond: number;
  /** Median per-round ratio to the floor: the figure the gate compares. */
  ratio: number;
  spread: number;
  rounds: number;
  /** Spec model time per packet ÷ fast helper time per packet (undefined: not measured). */
  specTimes?: number;
}

/** Timed spec flows carry at least this many packets, so the per-flow setup is amortized. */
const SPEC_MIN_PACKETS = 64;

function specNsPerPacket(suite: BenchSuite, workload: Workload, settings: MeasureSettings): number {
  const cycles = Math.ceil(SPEC_MIN_PACKETS / workload.packets.length);
  const flow = benchFlow(suite, workload, cycles);
  const perFlow = measureCall(() => suite.spec(flow).segments.length, settings);
  return perFlow / (cycles * workload.packets.length);
}

export interface SuiteRunOptions {
  settings: MeasureSettings;
  /** Only these workloads (all when absent). */
  only?: readonly string[];
  /** Time the spec model too. */
  spec: boolean;
  /** Measure this helper instead of the suite's own (the planted-slowdown check). */
  helper?: HelperDefinition;
  onWorkload?: (result: WorkloadResult) => void;
}

export function selectWorkloads(suite: BenchSuite, only?: readonly string[]): Workload[] {
  if (only === undefined || only.length === 0) return suite.workloads;
  return suite.workloads.filter((w) => only.includes(w.name));
}

export function measureWorkload(
  suite: BenchSuite,
  workload: Workload,
  options: SuiteRunOptions,
): WorkloadResult {
  const driver = new WorkloadDriver(suite, workload, options.helper ?? suite.helper);
  const measured = measureRatio(
    (n) => driver.run(n),
    (n) => driver.floor(n),
    options.settings,
  );
  const bytesPerPacket = driver.bytesPerCycle / driver.packetsPerCycle;
  const packetsPerSecond = 1e9 / measured.nsPerUnit;
  return {
    name: workload.name,
    floor: workload.floor,
    nsPerPacket: measured.nsPerUnit,
    bytesPerPacket,
    packetsPerSecond,
    bytesPerSecond: packetsPerSecond * bytesPerPacket,
    ratio: measured.ratio,
    spread: measured.spread,
    rounds: measured.rounds,
    specTimes: options.spec
      ? specNsPerPacket(suite, workload, options.settings) / measured.nsPerUnit
      : undefined,
  };
}

export function runSuite(suite: BenchSuite, options: SuiteRunOptions): WorkloadResult[] {
  const workloads = selectWorkloads(suite, options.only);
  for (const workload of workloads) checkWorkload(suite, workload);
  return workloads.map((workload) => {
    const result = measureWorkload(suite, workload, options);
    options.onWorkload?.(result);
    return result;
  });
}
