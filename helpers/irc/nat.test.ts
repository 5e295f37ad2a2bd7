import { describe, expect, it } from "vitest";
import { ExpectationTable } from "../core/expectation-table.ts";
import { natIrc, rewriteDcc } from "./nat.ts";
import { newDccArguments, parseDcc } from "./parse-dcc.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array) => String.fromCharCode(...b);
const N = 3325256705; // 198.51.100.1

function dccOf(line: string) {
  const data = bytes(line);
  const dcc = newDccArguments();
  const from = line.indexOf("SEND ") + 5;
  if (!parseDcc(data, from, data.length, dcc)) throw new Error("no dcc");
  return { data, dcc };
}

const request = { l4: "tcp" as const, src: null, sport: null, dst: "198.51.100.1", dport: 0 };

describe("rewriteDcc", () => {
  it("writes the address as one decimal and keeps everything around the span", () => {
    const { data, dcc } = dccOf("PRIVMSG bob :\x01DCC SEND f.txt 3232235778 5000 1234\x01\r\n");
    expect(text(rewriteDcc(data, dcc, N, 5000))).toBe(
      "PRIVMSG bob :\x01DCC SEND f.txt 3325256705 5000 1234\x01\r\n",
    );
  });
  it("normalises spacing and wrapped spellings, and may shorten the segment", () => {
    const { data, dcc } = dccOf("PRIVMSG b :\x01DCC SEND f 0007527203074   70000 9\x01\n");
    expect(text(rewriteDcc(data, dcc, 16909060, 4464))).toBe(
      "PRIVMSG b :\x01DCC SEND f 16909060 4464 9\x01\n",
    );
  });
});

describe("natIrc", () => {
  it("inserts the expectation on the DCC port when free and rewrites", () => {
    const table = new ExpectationTable(8);
    const { data, dcc } = dccOf("PRIVMSG bob :\x01DCC SEND f.txt 3232235778 5000 1234\x01\r\n");
    const result = natIrc(data, dcc, N, request, table);
    expect(result.verdict).toBe("accept");
    expect(text(result.data!)).toContain("3325256705 5000 1234");
    expect(table.created.map((e) => e.dport)).toEqual([5000]);
  });
  it("moves to another port when the DCC port clashes", () => {
    const table = new ExpectationTable(8);
    table.expect({ ...request, dport: 5000, src: "192.0.2.1" });
    const { data, dcc } = dccOf("PRIVMSG bob :\x01DCC SEND f.txt 3232235778 5000 1234\x01\r\n");
    const result = natIrc(data, dcc, N, request, table);
    expect(text(result.data!)).toContain("3325256705 5001 1234");
  });
  it("drops when no port is free", () => {
    const table = new ExpectationTable(0);
    table.expect({ ...request, dport: 65535, src: "192.0.2.1" });
    const { data, dcc } = dccOf("PRIVMSG bob :\x01DCC SEND f.txt 3232235778 65535 1234\x01\r\n");
    expect(natIrc(data, dcc, N, request, table)).toEqual({ verdict: "drop" });
  });
});
