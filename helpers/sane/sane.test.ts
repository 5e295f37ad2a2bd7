// The SANE vector of kernel-helpers.md §14 and the §7 rules, through the core driver.

import { describe, expect, it } from "vitest";
import { runFlow, traceFlow } from "../core/driver.ts";
import type { Conntrack, ExpectResult } from "../core/helper.ts";
import type { Dir, Flow } from "../core/model.ts";
import { saneHelper } from "./index.ts";

const C = "198.18.0.2";
const S = "198.19.0.5";
const N = "198.18.100.1";

const bytes = (...values: number[]) => Uint8Array.from(values);
const START = bytes(0, 0, 0, 7, 0, 0, 0, 1);
const reply = (status: number, zero: number, port: number) =>
  bytes(0, 0, 0, status, zero >> 8, zero & 0xff, port >> 8, port & 0xff, 0, 0, 0, 0x42);

function flow(segments: [Dir, Uint8Array][], extra: Partial<Flow> = {}): Flow {
  return {
    helper: "sane",
    l4: "tcp",
    client: { addr: C, port: 40000 },
    server: { addr: S, port: 6566 },
    segments: segments.map(([dir, data]) => ({ dir, data })),
    ...extra,
  };
}
const toServer = (dport: number) => ({ l4: "tcp", src: C, sport: null, dst: S, dport });

describe("sane helper", () => {
  it("expects the client's data connection on the port a successful START reply names", () => {
    const outcome = runFlow(
      saneHelper,
      flow([
        ["orig", START],
        ["reply", reply(0, 0, 5000)],
      ]),
    );
    expect(outcome.expectations).toEqual([toServer(5000)]);
    expect(outcome.segments).toEqual([
      { verdict: "accept", data: START, seq: 0 },
      { verdict: "accept", data: reply(0, 0, 5000), seq: 0 },
    ]);
  });
  it("opens nothing on a refused or malformed reply, and forgets the START", () => {
    for (const refused of [reply(1, 0, 5000), reply(0, 1, 5000)]) {
      const segments: [Dir, Uint8Array][] = [
        ["orig", START],
        ["reply", refused],
        ["reply", reply(0, 0, 5000)],
      ];
      expect(runFlow(saneHelper, flow(segments)).expectations).toEqual([]);
    }
  });
  it("accepts port 0 and a reply of exactly 8 bytes", () => {
    const eight = bytes(0, 0, 0, 0, 0, 0, 0, 0);
    expect(
      runFlow(
        saneHelper,
        flow([
          ["orig", START],
          ["reply", eight],
        ]),
      ).expectations,
    ).toEqual([toServer(0)]);
  });
  it("ignores requests of other lengths and keeps the state over them and empty segments", () => {
    const segments: [Dir, Uint8Array][] = [
      ["orig", START],
      ["orig", bytes(0, 0, 0, 7, 0, 0, 0, 1, 0)],
      ["orig", new Uint8Array(0)],
      ["reply", new Uint8Array(0)],
      ["reply", reply(0, 0, 6000)],
    ];
    expect(runFlow(saneHelper, flow(segments)).expectations).toEqual([toServer(6000)]);
  });
  it("clears the state on another 8-byte request and on a short reply", () => {
    const other = bytes(0, 0, 0, 8, 0, 0, 0, 1);
    expect(
      runFlow(
        saneHelper,
        flow([
          ["orig", START],
          ["orig", other],
          ["reply", reply(0, 0, 1)],
        ]),
      ).expectations,
    ).toEqual([]);
    expect(
      runFlow(
        saneHelper,
        flow([
          ["orig", START],
          ["reply", bytes(0, 0)],
          ["reply", reply(0, 0, 1)],
        ]),
      ).expectations,
    ).toEqual([]);
  });
  it("keeps one live expectation (max_expected 1)", () => {
    const segments: [Dir, Uint8Array][] = [
      ["orig", START],
      ["reply", reply(0, 0, 1)],
      ["orig", START],
      ["reply", reply(0, 0, 2)],
    ];
    const trace = traceFlow(saneHelper, flow(segments));
    expect(trace.outcome.expectations).toEqual([toServer(1), toServer(2)]);
    expect(trace.liveAfter.at(-1)).toEqual([toServer(2)]);
  });
  it("names the client's own address under source NAT and rewrites nothing", () => {
    const outcome = runFlow(
      saneHelper,
      flow(
        [
          ["orig", START],
          ["reply", reply(0, 0, 5000)],
        ],
        { nat: { client: { addr: N } } },
      ),
    );
    expect(outcome.expectations).toEqual([toServer(5000)]);
    expect(outcome.segments[1].data).toEqual(reply(0, 0, 5000));
  });

  it("drops the successful reply when the expectation table refuses it", () => {
    // A single flow's table never refuses SANE's one expectation; a scripted one does.
    const connection = (answer: ExpectResult) => ({
      conntrack: undefined as unknown as Conntrack,
      config: {},
      state: { startRequested: true, client: C, server: S },
      expectations: { expect: () => answer, remove: () => 0, find: () => undefined },
    });
    const packet = { dir: "reply" as const, seq: 0, data: reply(0, 0, 5000) };
    for (const answer of ["busy", "already", "full"] as const) {
      expect(saneHelper.process(connection(answer), packet)).toEqual({ verdict: "drop" });
    }
    expect(saneHelper.process(connection("ok"), packet)).toEqual({ verdict: "accept" });
  });
});
