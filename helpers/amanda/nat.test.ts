import { describe, expect, it } from "vitest";
import { ExpectationTable } from "../core/expectation-table.ts";
import type { ExpectationRequest } from "../core/helper.ts";
import { natTokenPort } from "./nat.ts";

const b = (s: string) => new TextEncoder().encode(s);
const text = (d: Uint8Array | null) => (d === null ? null : new TextDecoder().decode(d));

function request(dport: number): ExpectationRequest {
  return { l4: "tcp", src: "198.18.0.2", sport: null, dst: "192.0.2.80", dport };
}

describe("natTokenPort", () => {
  it("rewrites exactly the digits read to the port inserted", () => {
    const table = new ExpectationTable(4);
    expect(text(natTokenPort(table, request(123), b("DATA 0123 x\n"), 5, 4))).toBe("DATA 123 x\n");
    expect(table.created.map((e) => e.dport)).toEqual([123]);
  });
  it("keeps a sixth digit and writes the wrapped value", () => {
    const table = new ExpectationTable(4);
    expect(text(natTokenPort(table, request(34463), b("DATA 999996\n"), 5, 5))).toBe(
      "DATA 344636\n",
    );
  });
  it("moves to another port when the first clashes, and drops when none is free", () => {
    const busy = (port: number) => ({
      expect: (r: ExpectationRequest) => (r.dport === port ? ("busy" as const) : ("ok" as const)),
    });
    expect(text(natTokenPort(busy(5000), request(5000), b("DATA 5000\n"), 5, 4))).toBe(
      "DATA 5001\n",
    );
    const full = { expect: () => "busy" as const };
    expect(natTokenPort(full, request(5000), b("DATA 5000\n"), 5, 4)).toBeNull();
  });
});
