// Building blocks every suite writes its workloads with: text segments, lines of an exact
// size, and a workload maker bound to the suite's priming traffic.

import type { BenchSegment, Workload } from "./workload.ts";

export const asciiBytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** A client segment; `drops` = the helper is expected to drop it. */
export const orig = (text: string, drops = false): BenchSegment => ({
  dir: "orig",
  data: asciiBytes(text),
  drops,
});

export const reply = (text: string): BenchSegment => ({
  dir: "reply",
  data: asciiBytes(text),
  drops: false,
});

/** Text of exactly `size` characters: head, filler (repeated, cut to fit), tail. */
export function sizedText(size: number, head: string, tail: string, fill = "x"): string {
  const room = Math.max(0, size - head.length - tail.length);
  return head + fill.repeat(Math.ceil(room / fill.length)).slice(0, room) + tail;
}

/** A workload maker for a suite whose connections are primed with `prime` first. */
export function workloadMaker(prime: BenchSegment[] = []) {
  return (
    name: string,
    description: string,
    floor: Workload["floor"],
    packets: BenchSegment[],
    expectationsPerCycle = 0,
    nat = false,
  ): Workload => ({ name, description, floor, nat, prime, packets, expectationsPerCycle });
}
