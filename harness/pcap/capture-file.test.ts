import { describe, expect, it } from "vitest";
import { readCaptureFrames } from "./capture-file.ts";
import { PcapError } from "./pcap-error.ts";
import { classicCapture, pcapngCapture } from "./test-captures.ts";

const frames = [
  { data: Uint8Array.of(1, 2, 3, 4, 5) },
  { data: Uint8Array.of(9), originalLength: 60 },
];

describe("readCaptureFrames", () => {
  for (const littleEndian of [true, false]) {
    for (const nanoseconds of [false, true]) {
      it(`reads classic pcap (${littleEndian ? "little" : "big"}-endian, ${nanoseconds ? "ns" : "µs"})`, () => {
        const read = readCaptureFrames(
          classicCapture(frames, { littleEndian, nanoseconds, linkType: 113 }),
        );
        expect(read.map((f) => [...f.data])).toEqual([[1, 2, 3, 4, 5], [9]]);
        expect(read.map((f) => f.originalLength)).toEqual([5, 60]);
        expect(read.map((f) => f.linkType)).toEqual([113, 113]);
        expect(read.map((f) => f.offset)).toEqual([40, 61]);
      });
    }
  }

  for (const littleEndian of [true, false]) {
    for (const simple of [false, true]) {
      it(`reads pcapng ${simple ? "simple" : "enhanced"} packets (${littleEndian ? "little" : "big"}-endian)`, () => {
        const read = readCaptureFrames(
          pcapngCapture(frames.slice(0, 1), { littleEndian, simple, linkType: 101 }),
        );
        expect(read.map((f) => [...f.data])).toEqual([[1, 2, 3, 4, 5]]);
        expect(read[0].linkType).toBe(101);
      });
    }
  }

  it("cuts a simple packet at the interface snaplen", () => {
    const read = readCaptureFrames(
      pcapngCapture([{ data: Uint8Array.of(1, 2, 3, 4, 5, 6) }], { simple: true, snaplen: 4 }),
    );
    expect([...read[0].data]).toEqual([1, 2, 3, 4]);
    expect(read[0].originalLength).toBe(6);
  });

  it("reads an empty capture as no frames", () => {
    expect(readCaptureFrames(classicCapture([]))).toEqual([]);
  });

  it("names the offset of a truncated record", () => {
    const file = classicCapture(frames).subarray(0, 43);
    expect(() => readCaptureFrames(file)).toThrow(PcapError);
    expect(() => readCaptureFrames(file)).toThrow(
      /truncated record: 3 of 5 bytes \(at byte offset 40\)/,
    );
  });
});
