// The talk helper on whole flows through the core driver: the two pinholes, the NAT half,
// and the 2.4 expectation rules (max_expected 1, no reuse).

import { describe, expect, it } from "vitest";
import { runFlow } from "../core/driver.ts";
import { type Flow, FlowError, type Segment } from "../core/model.ts";
import { talkHelper } from "./index.ts";

const C = "198.18.0.2";
const S = "192.0.2.5";
const N = "198.51.100.1";

function sockaddr(ip: number[], port: number): number[] {
  return [0, 2, port >> 8, port & 0xff, ...ip, 0, 0, 0, 0, 0, 0, 0, 0];
}

function ntalkResponse(type: number, answer: number, ip: number[], port: number, vers = 1) {
  return Uint8Array.of(vers, type, answer, 0, 0, 0, 0, 7, ...sockaddr(ip, port));
}

function oldResponse(type: number, answer: number, ip: number[], port: number) {
  return Uint8Array.of(type, answer, 0, 0, 0, 0, 0, 7, ...sockaddr(ip, port));
}

function ntalkMessage(type: number, addrIp: number[], ctlIp: number[]): Uint8Array {
  const data = new Uint8Array(84);
  data.set([1, type, 0, 0, 0, 0, 0, 7]);
  data.set(sockaddr(addrIp, 1234), 8);
  data.set(sockaddr(ctlIp, 40000), 24);
  return data;
}

function flow(
  segments: Segment[],
  options: { port?: number; nat?: boolean; mode?: string } = {},
): Flow {
  return {
    helper: "talk",
    l4: "udp",
    client: { addr: C, port: 40000 },
    server: { addr: S, port: options.port ?? 518 },
    ...(options.mode ? { config: { mode: options.mode } } : {}),
    ...(options.nat ? { nat: { client: { addr: N } } } : {}),
    segments,
  };
}

const reply = (data: Uint8Array): Segment => ({ dir: "reply", data });
const orig = (data: Uint8Array): Segment => ({ dir: "orig", data });

describe("talk helper", () => {
  it("expects the callee's client at the caller's daemon on a successful ANNOUNCE", () => {
    const outcome = runFlow(talkHelper, flow([reply(ntalkResponse(3, 0, [0, 0, 0, 0], 0))]));
    expect(outcome.expectations).toEqual([{ l4: "udp", src: S, sport: null, dst: C, dport: 518 }]);
  });

  it("uses the old layout and port 517 on UDP 517", () => {
    const outcome = runFlow(
      talkHelper,
      flow([reply(oldResponse(3, 0, [0, 0, 0, 0], 0))], { port: 517 }),
    );
    expect(outcome.expectations).toEqual([{ l4: "udp", src: S, sport: null, dst: C, dport: 517 }]);
  });

  it("ignores LOOK_UP answers on the announce helper and failed answers", () => {
    const outcome = runFlow(
      talkHelper,
      flow([
        reply(ntalkResponse(1, 0, [192, 0, 2, 5], 2000)),
        reply(ntalkResponse(3, 1, [0, 0, 0, 0], 0)),
      ]),
    );
    expect(outcome.expectations).toEqual([]);
  });

  it("expects a TCP connection to the address a LOOK_UP answer names on the lookup helper", () => {
    const outcome = runFlow(
      talkHelper,
      flow([reply(ntalkResponse(1, 0, [203, 0, 113, 9], 2000))], { mode: "lookup" }),
    );
    expect(outcome.expectations).toEqual([
      { l4: "tcp", src: C, sport: null, dst: "203.0.113.9", dport: 2000 },
    ]);
  });

  it("never acts on requests or answers from the client", () => {
    const outcome = runFlow(talkHelper, flow([orig(ntalkResponse(3, 0, [0, 0, 0, 0], 0))]));
    expect(outcome.expectations).toEqual([]);
  });

  it("keeps the first expectation and refuses any other while it waits", () => {
    const outcome = runFlow(
      talkHelper,
      flow(
        [
          reply(ntalkResponse(1, 0, [203, 0, 113, 9], 2000)),
          reply(ntalkResponse(1, 0, [203, 0, 113, 9], 2001)),
          reply(ntalkResponse(1, 0, [203, 0, 113, 9], 2000)),
        ],
        { mode: "lookup" },
      ),
    );
    expect(outcome.expectations.map((e) => e.dport)).toEqual([2000]);
  });

  it("does nothing on a port whose helper the module parameters left out", () => {
    const off = {
      ...flow([reply(oldResponse(3, 0, [0, 0, 0, 0], 0))], { port: 517 }),
      config: { talk: 0 },
    };
    expect(runFlow(talkHelper, off).expectations).toEqual([]);
  });

  it("refuses a flow on another server port", () => {
    expect(() => runFlow(talkHelper, flow([], { port: 519 }))).toThrow(FlowError);
  });

  describe("under NAT", () => {
    it("sets ctl_addr and a non-zero addr of a request to the NAT address and client port", () => {
      const data = ntalkMessage(3, [198, 18, 0, 2], [198, 18, 0, 2]);
      const outcome = runFlow(talkHelper, flow([orig(data)], { nat: true }));
      const out = outcome.segments[0].data;
      expect([...out.subarray(8, 24)]).toEqual(sockaddr([198, 51, 100, 1], 1234));
      expect([...out.subarray(24, 40)]).toEqual(sockaddr([198, 51, 100, 1], 40000));
      expect([...out.subarray(40)]).toEqual([...data.subarray(40)]);
    });

    it("drops datagrams of neither layout", () => {
      const outcome = runFlow(
        talkHelper,
        flow([orig(new Uint8Array(83)), reply(new Uint8Array(0))], { nat: true }),
      );
      expect(outcome.segments.map((s) => s.verdict)).toEqual(["drop", "drop"]);
    });

    it("expects the ANNOUNCE callee at the NAT address and rewrites a non-zero answer addr", () => {
      const outcome = runFlow(
        talkHelper,
        flow([reply(ntalkResponse(3, 0, [198, 18, 0, 2], 999))], { nat: true }),
      );
      expect(outcome.expectations).toEqual([
        { l4: "udp", src: S, sport: null, dst: N, dport: 518 },
      ]);
      expect([...outcome.segments[0].data.subarray(8)]).toEqual(sockaddr([198, 51, 100, 1], 518));
    });

    it("moves a LOOK_UP pinhole to the daemon's address and drops a port-0 answer", () => {
      const moved = runFlow(
        talkHelper,
        flow([reply(ntalkResponse(1, 0, [203, 0, 113, 9], 2000))], { nat: true, mode: "lookup" }),
      );
      expect(moved.expectations).toEqual([{ l4: "tcp", src: C, sport: null, dst: S, dport: 2000 }]);
      expect([...moved.segments[0].data.subarray(8)]).toEqual(sockaddr([192, 0, 2, 5], 2000));
      const zero = runFlow(
        talkHelper,
        flow([reply(ntalkResponse(1, 0, [203, 0, 113, 9], 0))], { nat: true, mode: "lookup" }),
      );
      expect(zero.segments[0].verdict).toBe("drop");
      expect(zero.expectations).toEqual([
        { l4: "tcp", src: C, sport: null, dst: "203.0.113.9", dport: 0 },
      ]);
    });

    it("drops a later successful answer of the other type while an expectation waits", () => {
      const outcome = runFlow(
        talkHelper,
        flow(
          [
            reply(ntalkResponse(3, 0, [0, 0, 0, 0], 0)),
            reply(ntalkResponse(1, 0, [0, 0, 0, 0], 0)),
          ],
          { nat: true },
        ),
      );
      expect(outcome.segments.map((s) => s.verdict)).toEqual(["accept", "drop"]);
    });
  });
});
