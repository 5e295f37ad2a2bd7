// process() remembers after-newline positions with the steady state written out per
// direction; this checks it against the tracker's own rule (slotToRemember) on seqs
// chosen to sit at the 2^31 and 2^32 edges where serial-number order turns.

import { describe, expect, it } from "vitest";
import { conntrackOf } from "../core/driver.ts";
import { ExpectationTable } from "../core/expectation-table.ts";
import type { Packet } from "../core/helper.ts";
import type { Dir } from "../core/model.ts";
import { isRemembered, slotToRemember, storedSeq } from "../core/newline-tracker.ts";
import { type FtpState, ftpHelper } from "./index.ts";

const text = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Lines that never match: with and without a newline, and ones that drop as partial at
 * a remembered position (and are then not remembered). */
const LINES = ["NOOP\r\n", "NOOP", "\n", "PORT 1\n", "227 (x\n", "PORT", "229 x"].map(text);
const EDGES = [
  0, 1, 5, 0x7fff_fffa, 0x7fff_ffff, 0x8000_0000, 0x8000_0005, 0xffff_fffa, 0xffff_ffff,
];

function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s % n;
  };
}

/** The reference: the count and two positions updated through slotToRemember. */
class Reference {
  count = 0;
  first = 0;
  second = 0;
  has(seq: number): boolean {
    return isRemembered(this.count, this.first, this.second, seq);
  }
  remember(seq: number): void {
    const slot = slotToRemember(this.count, this.first, this.second, seq);
    if (slot === 0) this.first = seq;
    if (slot === 1) this.second = seq;
    if (slot === this.count) this.count++;
  }
}

function fields(state: FtpState, dir: Dir): number[] {
  return dir === "orig"
    ? [state.origCount, state.origFirst, state.origSecond]
    : [state.replyCount, state.replyFirst, state.replySecond];
}

describe("remembering after-newline positions in process()", () => {
  it("follows slotToRemember in both directions, across the serial-number edges", () => {
    const flow = {
      helper: "ftp",
      l4: "tcp" as const,
      client: { addr: "10.0.0.2", port: 40000 },
      server: { addr: "203.0.113.5", port: 21 },
      segments: [],
    };
    let steps = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const pick = random(seed);
      const conntrack = conntrackOf(flow, 4);
      const config = ftpHelper.parseConfig({});
      const state = ftpHelper.newState(conntrack, config);
      const context = { conntrack, config, state, expectations: new ExpectationTable(1) };
      const references = { orig: new Reference(), reply: new Reference() };
      let last = 0;
      for (let i = 0; i < 200; i++) {
        const dir: Dir = pick(2) === 0 ? "orig" : "reply";
        const data = LINES[pick(LINES.length)];
        // Often continue at (or near) what was last written, so positions get revisited.
        const choice = pick(4);
        const seq =
          choice === 0
            ? EDGES[pick(EDGES.length)]
            : choice === 1
              ? (last + pick(3)) >>> 0
              : (EDGES[pick(EDGES.length)] + pick(0x1_0000)) >>> 0;
        const reference = references[dir];
        const keyword = data[0] === (dir === "orig" ? 0x50 : 0x32);
        const dropped = keyword && reference.has(storedSeq(seq));
        const packet: Packet = { dir, seq, data };
        const result = ftpHelper.process(context, packet);
        expect(result.verdict, `${dir} ${String.fromCharCode(...data)}`).toBe(
          dropped ? "drop" : "accept",
        );
        if (!dropped && data[data.length - 1] === 0x0a) {
          reference.remember(storedSeq(seq + data.length));
        }
        last = (seq + data.length) >>> 0;
        const ref = [reference.count, reference.first, reference.second];
        expect(fields(state, dir), `seed ${seed} step ${i}`).toEqual(ref);
        steps++;
      }
    }
    expect(steps).toBe(8000);
  });
});

describe("the steady state and a known position, in each direction", () => {
  // Segments ending at the given positions ("x\n" at end - 2), one direction at a time.
  function fieldsAfter(dir: Dir, ends: number[]): number[] {
    const flow = {
      helper: "ftp",
      l4: "tcp" as const,
      client: { addr: "10.0.0.2", port: 40000 },
      server: { addr: "203.0.113.5", port: 21 },
      segments: [],
    };
    const conntrack = conntrackOf(flow, 4);
    const config = ftpHelper.parseConfig({});
    const state = ftpHelper.newState(conntrack, config);
    const context = { conntrack, config, state, expectations: new ExpectationTable(1) };
    for (const end of ends) ftpHelper.process(context, { dir, seq: end - 2, data: text("x\n") });
    return fields(state, dir);
  }
  it.each(["orig", "reply"] as const)("%s: a known position changes nothing", (dir) => {
    expect(fieldsAfter(dir, [10, 10])).toEqual([1, 10, 0]);
    expect(fieldsAfter(dir, [10, 20, 20])).toEqual([2, 10, 20]);
    expect(fieldsAfter(dir, [10, 20, 10])).toEqual([2, 10, 20]);
    expect(fieldsAfter(dir, [10, 20, 30, 20])).toEqual([2, 30, 20]);
    expect(fieldsAfter(dir, [10, 20, 30, 30])).toEqual([2, 30, 20]);
  });
  it.each(["orig", "reply"] as const)("%s: only a newer position replaces the older", (dir) => {
    expect(fieldsAfter(dir, [10, 20, 5])).toEqual([2, 10, 20]);
    expect(fieldsAfter(dir, [10, 20, 30])).toEqual([2, 30, 20]);
    expect(fieldsAfter(dir, [10, 20, 30, 15])).toEqual([2, 30, 20]);
    expect(fieldsAfter(dir, [10, 20, 30, 40])).toEqual([2, 30, 40]);
  });
});
