import { describe, expect, it } from "vitest";
import { judgeGrowth, MemoryWatch, residentBytes } from "./memory-watch.ts";

const rule = { minGrowthBytes: 1000, bytesPerFlow: 10 };

describe("judgeGrowth", () => {
  it("reports steady growth above both thresholds", () => {
    expect(judgeGrowth(rule, { flows: 0, bytes: 0 }, { flows: 50, bytes: 2000 })).toEqual({
      flows: 50,
      fromBytes: 0,
      toBytes: 2000,
    });
  });

  it("ignores growth that is large but slow per flow", () => {
    expect(judgeGrowth(rule, { flows: 0, bytes: 0 }, { flows: 500, bytes: 2000 })).toBeUndefined();
  });

  it("ignores fast growth that is still small in total", () => {
    expect(judgeGrowth(rule, { flows: 0, bytes: 0 }, { flows: 5, bytes: 900 })).toBeUndefined();
  });
});

describe("MemoryWatch", () => {
  it("takes the baseline after the warm-up and samples on schedule", () => {
    const watch = new MemoryWatch({ ...rule, warmupFlows: 2, sampleEvery: 2 });
    let size = 0;
    const reads: number[] = [];
    const read = () => {
      reads.push(size);
      return size;
    };
    const reports = [];
    for (let i = 0; i < 10; i++) {
      size += 500;
      reports.push(watch.afterFlow(read));
    }
    expect(reads.length).toBe(5);
    // Baseline at flow 2 (1000 bytes); at flow 4 it has grown 1000 bytes, 500 per flow.
    expect(reports.findIndex((r) => r !== undefined)).toBe(3);
    watch.reset();
    expect(watch.afterFlow(read)).toBeUndefined();
  });
});

describe("residentBytes", () => {
  it("reads this process's size and nothing for a pid that does not exist", () => {
    expect(residentBytes(process.pid)).toBeGreaterThan(1024 * 1024);
    expect(residentBytes(2 ** 30)).toBeNull();
  });
});
