import { describe, expect, it } from "vitest";
import type { Dir, Flow } from "../../helpers/core/model.ts";
import { notAnsweringStart } from "./expectation-answers-start.ts";

const START = Uint8Array.of(0, 0, 0, 7, 0, 0, 0, 1);
const OTHER = Uint8Array.of(0, 0, 0, 6, 0, 0, 0, 1);
const REPLY = Uint8Array.of(0, 0, 0, 0, 0, 0, 0x13, 0x88);

function flowOf(segments: [Dir, Uint8Array][]): Flow {
  return {
    helper: "sane",
    l4: "tcp",
    client: { addr: "198.18.0.2", port: 1 },
    server: { addr: "198.19.0.5", port: 6566 },
    segments: segments.map(([dir, data]) => ({ dir, data })),
  };
}

describe("notAnsweringStart", () => {
  it("accepts the first server segment after a START, over other lengths and empty ones", () => {
    const flow = flowOf([
      ["orig", START],
      ["orig", Uint8Array.of(0, 0, 0, 1)],
      ["reply", new Uint8Array(0)],
      ["reply", REPLY],
    ]);
    expect(notAnsweringStart(flow, 3)).toBeUndefined();
  });
  it("refuses without a START, after another 8-byte request, or after a server segment", () => {
    expect(notAnsweringStart(flowOf([["reply", REPLY]]), 0)).toMatch(/no 8-byte SANE_NET_START/);
    expect(
      notAnsweringStart(
        flowOf([
          ["orig", START],
          ["orig", OTHER],
          ["reply", REPLY],
        ]),
        2,
      ),
    ).toMatch(/#1 .* is not SANE_NET_START/);
    expect(
      notAnsweringStart(
        flowOf([
          ["orig", START],
          ["reply", REPLY],
          ["reply", REPLY],
        ]),
        2,
      ),
    ).toMatch(/server segment #1 .* came after the SANE_NET_START #0/);
  });
});
