import { describe, expect, it } from "vitest";
import { ExpectationTable } from "./expectation-table.ts";
import type { ExpectationRequest, ExpectationSink, ExpectResult } from "./helper.ts";
import { findNatPort } from "./nat-port.ts";

const request: ExpectationRequest = {
  l4: "tcp",
  src: "203.0.113.5",
  sport: null,
  dst: "198.51.100.1",
  dport: 0,
};

/** A sink that answers from a script and logs the ports asked for. */
function scripted(answer: (port: number) => ExpectResult) {
  const asked: number[] = [];
  const sink: ExpectationSink = {
    expect(r) {
      asked.push(r.dport);
      return answer(r.dport);
    },
  };
  return { sink, asked };
}

describe("findNatPort", () => {
  it("keeps the port when it is free", () => {
    const table = new ExpectationTable(4);
    expect(findNatPort(table, request, 1025)).toBe(1025);
    expect(table.live()).toEqual([{ ...request, dport: 1025 }]);
  });
  it("moves to the next free port on busy", () => {
    const table = new ExpectationTable(4);
    table.expect({ ...request, src: null, dport: 1025 });
    table.expect({ ...request, src: null, dport: 1026 });
    expect(findNatPort(table, request, 1025)).toBe(1027);
  });
  it("gives up after 128 retries", () => {
    const { sink, asked } = scripted(() => "busy");
    expect(findNatPort(sink, request, 1000)).toBe(0);
    expect(asked).toHaveLength(129);
    expect(asked[128]).toBe(1128);
  });
  it("retries at most 65535 - port times, inside [port, 65535)", () => {
    const a = scripted(() => "busy");
    expect(findNatPort(a.sink, request, 65533)).toBe(0);
    expect(a.asked).toEqual([65533, 65534, 65533]);
    const b = scripted(() => "busy");
    expect(findNatPort(b.sink, request, 65535)).toBe(0);
    expect(b.asked).toEqual([65535]);
  });
  it("stops on any other error", () => {
    const { sink, asked } = scripted(() => "already");
    expect(findNatPort(sink, request, 2000)).toBe(0);
    expect(asked).toEqual([2000]);
  });
  it("inserts port 0 yet reports failure", () => {
    const table = new ExpectationTable(4);
    expect(findNatPort(table, request, 0)).toBe(0);
    expect(table.live()).toEqual([{ ...request, dport: 0 }]);
  });
});
