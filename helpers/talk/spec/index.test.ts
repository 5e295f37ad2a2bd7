// The talk spec on the hand-checked situations of docs/talk.md.

import { describe, expect, it } from "vitest";
import { type Flow, FlowError, type Segment } from "../../core/model.ts";
import { talkSpec, talkSpecTrace } from "./index.ts";

const C = "198.18.0.2";
const S = "192.0.2.5";
const N = "198.51.100.1";

function sockaddr(ip: number[], port: number): number[] {
  return [0, 2, port >> 8, port & 0xff, ...ip, 0, 0, 0, 0, 0, 0, 0, 0];
}
const answer = (type: number, code: number, ip: number[], port: number, vers = 1) =>
  Uint8Array.of(vers, type, code, 0, 0, 0, 0, 1, ...sockaddr(ip, port));
const oldAnswer = (type: number, code: number, ip: number[], port: number) =>
  Uint8Array.of(type, code, 0, 0, 0, 0, 0, 1, ...sockaddr(ip, port));

function oldMessage(addrIp: number[], ctlIp: number[]): Uint8Array {
  const data = new Uint8Array(76);
  data[0] = 3;
  data.set(sockaddr(addrIp, 1111), 44);
  data.set(sockaddr(ctlIp, 2222), 60);
  return data;
}

function flow(segments: Segment[], extra: Partial<Flow> = {}): Flow {
  return {
    helper: "talk",
    l4: "udp",
    client: { addr: C, port: 40000 },
    server: { addr: S, port: 518 },
    segments,
    ...extra,
  };
}
const nat = { nat: { client: { addr: N } } };

describe("talk spec", () => {
  it("opens the ANNOUNCE pinhole from the callee's host to the caller's talk port", () => {
    expect(
      talkSpec(flow([{ dir: "reply", data: answer(3, 0, [0, 0, 0, 0], 0) }])).expectations,
    ).toEqual([{ l4: "udp", src: S, sport: null, dst: C, dport: 518 }]);
  });

  it("opens the LOOK_UP pinhole toward the answer's address on the lookup helper", () => {
    const outcome = talkSpec(
      flow([{ dir: "reply", data: answer(1, 0, [203, 0, 113, 7], 3000, 2).slice(0, 24) }], {
        config: { mode: "lookup" },
      }),
    );
    // A 24-byte version-2 answer is neither ntalk (version 1) nor ntalk2 (36 bytes on).
    expect(outcome.expectations).toEqual([]);
    const ntalk2 = new Uint8Array(36);
    ntalk2.set(answer(1, 0, [203, 0, 113, 7], 3000, 2));
    expect(
      talkSpec(flow([{ dir: "reply", data: ntalk2 }], { config: { mode: "lookup" } })).expectations,
    ).toEqual([{ l4: "tcp", src: C, sport: null, dst: "203.0.113.7", dport: 3000 }]);
  });

  it("keeps one expectation live and never a second one", () => {
    const trace = talkSpecTrace(
      flow(
        [
          { dir: "reply", data: answer(1, 0, [203, 0, 113, 7], 3000) },
          { dir: "reply", data: answer(1, 0, [203, 0, 113, 8], 3001) },
        ],
        { config: { mode: "lookup" } },
      ),
    );
    expect(trace.outcome.expectations).toHaveLength(1);
    expect(trace.liveAfter.map((live) => live.length)).toEqual([1, 1]);
  });

  it("rewrites an old-talk request under NAT and drops a 75-byte one", () => {
    const outcome = talkSpec(
      flow(
        [
          { dir: "orig", data: oldMessage([198, 18, 0, 2], [198, 18, 0, 2]) },
          { dir: "orig", data: new Uint8Array(75) },
        ],
        { server: { addr: S, port: 517 }, ...nat },
      ),
    );
    const out = outcome.segments[0].data;
    expect([...out.subarray(44, 60)]).toEqual(sockaddr([198, 51, 100, 1], 1111));
    expect([...out.subarray(60, 76)]).toEqual(sockaddr([198, 51, 100, 1], 40000));
    expect(outcome.segments[1].verdict).toBe("drop");
  });

  it("moves the ANNOUNCE answer's non-zero addr to the NAT address and talk port", () => {
    const outcome = talkSpec(
      flow([{ dir: "reply", data: oldAnswer(3, 0, [10, 1, 1, 1], 5) }], {
        server: { addr: S, port: 517 },
        ...nat,
      }),
    );
    expect([...outcome.segments[0].data.subarray(8)]).toEqual(sockaddr([198, 51, 100, 1], 517));
    expect(outcome.expectations).toEqual([{ l4: "udp", src: S, sport: null, dst: N, dport: 517 }]);
  });

  it("drops under NAT a LOOK_UP answer while an ANNOUNCE expectation waits", () => {
    const outcome = talkSpec(
      flow(
        [
          { dir: "reply", data: answer(3, 0, [0, 0, 0, 0], 0) },
          { dir: "reply", data: answer(1, 0, [0, 0, 0, 0], 0) },
        ],
        nat,
      ),
    );
    expect(outcome.segments.map((s) => s.verdict)).toEqual(["accept", "drop"]);
  });

  it("refuses IPv6 and other server ports", () => {
    expect(() => talkSpec(flow([], { server: { addr: S, port: 519 } }))).toThrow(FlowError);
    expect(() =>
      talkSpec(
        flow([], {
          client: { addr: "2001:db8::1", port: 1 },
          server: { addr: "2001:db8::2", port: 518 },
        }),
      ),
    ).toThrow(FlowError);
  });
});
