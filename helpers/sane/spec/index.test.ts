import { describe, expect, it } from "vitest";
import { type Dir, type Flow, FlowError } from "../../core/model.ts";
import { saneSpec, saneSpecTrace } from "./index.ts";

// kernel-helpers.md §14 notation.
const C = "10.0.0.2";
const S = "203.0.113.5";
const N = "198.51.100.1";

const bytes = (...values: number[]) => Uint8Array.from(values);
const START = bytes(0, 0, 0, 7, 0, 0, 0, 1);
const GET_OPTION = bytes(0, 0, 0, 4, 0, 0, 0, 1);
const reply = (status: number, zero: number, port: number, ...rest: number[]) =>
  bytes(0, 0, 0, status, zero >> 8, zero & 0xff, port >> 8, port & 0xff, ...rest);
const OK_5000 = reply(0, 0, 5000, 0, 0, 0, 0x42);

type Step = [Dir, Uint8Array, number?];

function flowOf(steps: Step[], extra: Partial<Flow> = {}): Flow {
  return {
    helper: "sane",
    l4: "tcp",
    client: { addr: C, port: 40000 },
    server: { addr: S, port: 6566 },
    segments: steps.map(([dir, data, seq]) => ({
      dir,
      data,
      ...(seq === undefined ? {} : { seq }),
    })),
    ...extra,
  };
}
const run = (steps: Step[], extra: Partial<Flow> = {}) => saneSpec(flowOf(steps, extra));
const toServer = (dport: number, src = C, dst = S) => ({ l4: "tcp", src, sport: null, dst, dport });

describe("§14 SANE vector", () => {
  it("START then a successful reply ⇒ exp C→S:5000/tcp", () => {
    const outcome = run([
      ["orig", START],
      ["reply", OK_5000],
    ]);
    expect(outcome.expectations).toEqual([toServer(5000)]);
    expect(outcome.segments.map((s) => s.verdict)).toEqual(["accept", "accept"]);
  });
  it("status ≠ 0 or zero ≠ 0 ⇒ nothing, and the state is cleared either way", () => {
    for (const refused of [reply(1, 0, 5000), reply(0, 1, 5000), reply(0, 0x100, 5000)]) {
      expect(
        run([
          ["orig", START],
          ["reply", refused],
          ["reply", OK_5000],
        ]).expectations,
      ).toEqual([]);
    }
  });
});

describe("§7 behaviour", () => {
  it("accepts port 0", () => {
    expect(
      run([
        ["orig", START],
        ["reply", reply(0, 0, 0)],
      ]).expectations,
    ).toEqual([toServer(0)]);
  });
  it("reads only exactly 8-byte requests; other lengths leave the state alone", () => {
    const longer = bytes(...START, 0);
    expect(
      run([
        ["orig", longer],
        ["reply", OK_5000],
      ]).expectations,
    ).toEqual([]);
    expect(
      run([
        ["orig", START.subarray(0, 4)],
        ["orig", START.subarray(4)],
        ["reply", OK_5000],
      ]).expectations,
    ).toEqual([]);
    expect(
      run([
        ["orig", START],
        ["orig", bytes(0, 0, 0, 1)],
        ["reply", OK_5000],
      ]).expectations,
    ).toEqual([toServer(5000)]);
  });
  it("another 8-byte request clears a pending START", () => {
    expect(
      run([
        ["orig", START],
        ["orig", GET_OPTION],
        ["reply", OK_5000],
      ]).expectations,
    ).toEqual([]);
  });
  it("a reply shorter than 8 bytes clears the state and opens nothing", () => {
    const split = [OK_5000.subarray(0, 4), OK_5000.subarray(4)];
    expect(
      run([
        ["orig", START],
        ["reply", split[0]],
        ["reply", split[1]],
      ]).expectations,
    ).toEqual([]);
  });
  it("empty segments change nothing", () => {
    const empty = new Uint8Array(0);
    expect(
      run([
        ["orig", START],
        ["orig", empty],
        ["reply", empty],
        ["reply", OK_5000],
      ]).expectations,
    ).toEqual([toServer(5000)]);
  });
  it("a reply without a START, and server bytes that look like a request, open nothing", () => {
    expect(run([["reply", OK_5000]]).expectations).toEqual([]);
    expect(
      run([
        ["reply", START],
        ["reply", OK_5000],
      ]).expectations,
    ).toEqual([]);
  });
  it("max_expected 1: a second START evicts the first, both are creations", () => {
    const trace = saneSpecTrace(
      flowOf([
        ["orig", START],
        ["reply", OK_5000],
        ["orig", START],
        ["reply", reply(0, 0, 5001)],
      ]),
    );
    expect(trace.outcome.expectations).toEqual([toServer(5000), toServer(5001)]);
    expect(trace.liveAfter).toEqual([[], [toServer(5000)], [toServer(5000)], [toServer(5001)]]);
  });
  it("under source NAT: the client's own address, nothing rewritten, seqs as input", () => {
    const outcome = run(
      [
        ["orig", START, 100],
        ["reply", OK_5000, 2 ** 32 - 4],
      ],
      {
        nat: { client: { addr: N } },
      },
    );
    expect(outcome.expectations).toEqual([toServer(5000)]);
    expect(outcome.segments).toEqual([
      { verdict: "accept", data: START, seq: 100 },
      { verdict: "accept", data: OK_5000, seq: 2 ** 32 - 4 },
    ]);
  });
  it("IPv6: canonical addresses", () => {
    const outcome = run(
      [
        ["orig", START],
        ["reply", OK_5000],
      ],
      {
        client: { addr: "2001:DB8:0::2", port: 40000 },
        server: { addr: "2001:db8:0:0:0:0:0:5", port: 6566 },
      },
    );
    expect(outcome.expectations).toEqual([toServer(5000, "2001:db8::2", "2001:db8::5")]);
  });
});

describe("bad tool input ⇒ FlowError", () => {
  const cases: [string, Partial<Flow>][] = [
    ["unknown option", { config: { loose: true } }],
    ["other helper", { helper: "ftp" }],
    ["udp", { l4: "udp" }],
    ["mixed families", { server: { addr: "2001:db8::1", port: 6566 } }],
  ];
  for (const [name, extra] of cases) {
    it(name, () => expect(() => run([["orig", START]], extra)).toThrow(FlowError));
  }
});
