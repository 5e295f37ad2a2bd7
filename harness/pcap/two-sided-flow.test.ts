import { describe, expect, it } from "vitest";
import type { Outcome } from "../../helpers/core/model.ts";
import type { CapturedSegment, Conversation } from "./conversations.ts";
import { compareTwoSided } from "./two-sided-compare.ts";
import { pairConversations, twoSidedFlow } from "./two-sided-flow.ts";

const bytes = (s: string) => new TextEncoder().encode(s);
let frame = 0;
const seg = (
  dir: "orig" | "reply",
  seq: number,
  text: string,
  ack: number | null = null,
): CapturedSegment => ({
  dir,
  seq,
  ack,
  data: bytes(text),
  frame: ++frame,
});

function conversation(
  clientAddr: string,
  clientPort: number,
  segments: CapturedSegment[],
  serverPort = 21,
): Conversation {
  return {
    helper: "ftp",
    l4: "tcp",
    client: { addr: clientAddr, port: clientPort },
    server: { addr: "203.0.113.5", port: serverPort },
    segments,
  };
}

describe("pairConversations", () => {
  it("pairs by server, preferring the same client port, and names the unpaired", () => {
    const clientSide = [
      conversation("10.0.0.2", 1000, [seg("orig", 0, "A")]),
      conversation("10.0.0.2", 2000, [seg("orig", 0, "B")]),
      conversation("10.0.0.2", 3000, [seg("orig", 0, "C")], 2121),
    ];
    const serverSide = [
      conversation("198.51.100.1", 2000, [seg("orig", 0, "B")]),
      conversation("198.51.100.1", 5555, [seg("orig", 0, "A")]),
      conversation("198.51.100.1", 6666, [seg("orig", 0, "D")], 2222),
    ];
    const pairing = pairConversations(clientSide, serverSide);
    expect(pairing.pairs.map((p) => [p.clientNumber, p.serverNumber])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(pairing.unpairedClient).toEqual([3]);
    expect(pairing.unpairedServer).toEqual([3]);
  });
});

describe("twoSidedFlow", () => {
  it("takes the client's segments from the client side and the server's from the server side", () => {
    const client = conversation("10.0.0.2", 1000, [
      seg("reply", 0, "227 (1,2)\r\n"),
      seg("orig", 0, "LIST\r\n"),
      seg("reply", 11, "150\r\n"),
    ]);
    const server = conversation("198.51.100.1", 1000, [
      seg("reply", 0, "227 (01,02)\r\n"),
      seg("orig", 0, "LIST\r\n"),
      seg("reply", 13, "150\r\n"),
    ]);
    const built = twoSidedFlow({ client, server, clientNumber: 1, serverNumber: 1 });
    expect(built.flow.nat).toEqual({ client: { addr: "198.51.100.1" } });
    expect(
      built.flow.segments.map((s) => [s.dir, s.seq, new TextDecoder().decode(s.data)]),
    ).toEqual([
      ["reply", 0, "227 (01,02)\r\n"],
      ["orig", 0, "LIST\r\n"],
      ["reply", 13, "150\r\n"],
    ]);
    expect(built.replyOutputs.map((s) => s?.seq)).toEqual([0, undefined, 11]);
  });

  it("keeps a server segment the box did not forward in its place, and notes one it made up", () => {
    const client = conversation("10.0.0.2", 1000, [
      seg("reply", 0, "220\r\n"),
      seg("orig", 0, "USER\r\n"),
      seg("reply", 14, "331\r\n"),
      seg("reply", 99, "XXX\r\n"),
    ]);
    const server = conversation("10.0.0.2", 1000, [
      seg("reply", 0, "220\r\n"),
      seg("reply", 5, "dropped\r\n"),
      seg("orig", 0, "USER\r\n"),
      seg("reply", 14, "331\r\n"),
    ]);
    const built = twoSidedFlow({ client, server, clientNumber: 1, serverNumber: 1 });
    expect(built.flow.nat).toBeUndefined();
    expect(built.flow.segments.map((s) => new TextDecoder().decode(s.data))).toEqual([
      "220\r\n",
      "dropped\r\n",
      "USER\r\n",
      "331\r\n",
    ]);
    expect(built.replyOutputs.map((s) => s?.seq ?? s)).toEqual([0, null, undefined, 14]);
    expect(built.unexplainedReplies.map((s) => s.seq)).toEqual([99]);
  });
});

describe("compareTwoSided", () => {
  const client = conversation("10.0.0.2", 1000, [
    seg("orig", 0, "PORT 10,0,0,2,4,1\r\n", 0),
    seg("reply", 0, "200 ok\r\n", 19),
    seg("orig", 19, "BAD\r\n", 8),
    seg("orig", 24, "LIST\r\n", 8),
  ]);
  const server = (origSegments: CapturedSegment[]) =>
    conversation("198.51.100.7", 1000, [seg("reply", 0, "200 ok\r\n", 23), ...origSegments]);
  const outcome: Outcome = {
    expectations: [],
    segments: [
      { verdict: "accept", data: bytes("PORT 198,51,100,7,4,1\r\n"), seq: 0 },
      { verdict: "accept", data: bytes("200 ok\r\n"), seq: 0 },
      { verdict: "drop", data: bytes("BAD\r\n"), seq: 19 },
      { verdict: "accept", data: bytes("LIST\r\n"), seq: 28 },
    ],
  };

  it("agrees with a box that dropped what the model drops", () => {
    const built = twoSidedFlow({
      client,
      server: server([
        seg("orig", 0, "PORT 198,51,100,7,4,1\r\n", 0),
        seg("orig", 28, "LIST\r\n", 8),
      ]),
      clientNumber: 1,
      serverNumber: 1,
    });
    const comparison = compareTwoSided(built, outcome);
    expect(comparison.matched).toBe(true);
    expect(comparison.segments.map((s) => s.box?.seq ?? null)).toEqual([0, 0, null, 28]);
  });

  it("reports a segment the box forwarded though the model drops it", () => {
    const built = twoSidedFlow({
      client,
      server: server([
        seg("orig", 0, "PORT 198,51,100,7,4,1\r\n", 0),
        seg("orig", 23, "BAD\r\n", 8),
        seg("orig", 28, "LIST\r\n", 8),
      ]),
      clientNumber: 1,
      serverNumber: 1,
    });
    const comparison = compareTwoSided(built, outcome);
    expect(comparison.segments.map((s) => s.differences)).toEqual([
      [],
      [],
      [{ field: "verdict", model: "drop", box: "accept" }],
      [],
    ]);
  });

  it("reports what the box sent that nothing accounts for", () => {
    const built = twoSidedFlow({
      client,
      server: server([
        seg("orig", 0, "PORT 198,51,100,7,4,1\r\n", 0),
        seg("orig", 28, "LIST\r\n", 8),
        seg("orig", 34, "EXTRA\r\n", 8),
      ]),
      clientNumber: 1,
      serverNumber: 1,
    });
    const comparison = compareTwoSided(built, outcome);
    expect(comparison.matched).toBe(false);
    expect(comparison.extra.map((e) => [e.dir, e.segment.seq])).toEqual([["orig", 34]]);
  });
});
