// The kernel target's protocol encoding: seq filled in per direction, outcomes checked.

import { describe, expect, it } from "vitest";
import { errorFromWire, flowToWire, outcomeFromWire } from "../harness/kernel/wire.ts";
import { FlowError } from "../helpers/core/model.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("kernel wire format", () => {
  it("fills every absent seq with the end of the previous segment of the same direction", () => {
    const wire = flowToWire({
      helper: "ftp",
      l4: "tcp",
      client: { addr: "198.18.0.2", port: 1 },
      server: { addr: "198.19.0.2", port: 21 },
      segments: [
        { dir: "orig", data: bytes("USER a\r\n") },
        { dir: "reply", data: bytes("331\r\n") },
        { dir: "orig", data: bytes("PASS\r\n") },
        { dir: "orig", data: bytes("X"), seq: 4294967295 },
        { dir: "orig", data: bytes("Y") },
      ],
    });
    expect(wire.segments.map((s) => s.seq)).toEqual([0, 0, 8, 4294967295, 0]);
    expect(wire.segments[0].data).toBe(Buffer.from("USER a\r\n").toString("base64"));
  });

  it("decodes an outcome and rejects one with the wrong number of segments", () => {
    const outcome = {
      expectations: [{ l4: "tcp", src: null, sport: null, dst: "198.18.0.2", dport: 1025 }],
      segments: [{ verdict: "drop", seq: 8, data: Buffer.from("P").toString("base64") }],
    };
    const decoded = outcomeFromWire(outcome, 1);
    expect(decoded.segments[0]).toEqual({ verdict: "drop", seq: 8, data: bytes("P") });
    expect(decoded.expectations[0].dport).toBe(1025);
    expect(() => outcomeFromWire(outcome, 2)).toThrow(/1 segment outcomes for 2/);
    expect(() => outcomeFromWire({ ...outcome, expectations: [{ l4: "sctp" }] }, 1)).toThrow(/l4/);
  });

  it("turns unsupported flows into FlowError and agent failures into Error", () => {
    expect(errorFromWire({ error: "loose", unsupported: true })).toBeInstanceOf(FlowError);
    expect(errorFromWire({ error: "marker lost" })).not.toBeInstanceOf(FlowError);
  });
});
