import { describe, expect, it } from "vitest";
import {
  DEFAULT_SNAPLEN,
  LINKTYPE_ETHERNET,
  PCAP_MAGIC_MICROSECONDS,
  writeSavefile,
} from "./savefile.ts";

describe("writeSavefile", () => {
  it("writes the file header and one record per frame", () => {
    const file = writeSavefile([
      { timeMicros: 1_700_000_000_000_001, data: Uint8Array.of(1, 2, 3) },
      { timeMicros: 1_700_000_001_999_999, data: Uint8Array.of(4) },
    ]);
    const view = new DataView(file.buffer);
    expect(view.getUint32(0, true)).toBe(PCAP_MAGIC_MICROSECONDS);
    expect([view.getUint16(4, true), view.getUint16(6, true)]).toEqual([2, 4]);
    expect(view.getUint32(16, true)).toBe(DEFAULT_SNAPLEN);
    expect(view.getUint32(20, true)).toBe(LINKTYPE_ETHERNET);
    expect(view.getUint32(24, true)).toBe(1_700_000_000);
    expect(view.getUint32(28, true)).toBe(1);
    expect([view.getUint32(32, true), view.getUint32(36, true)]).toEqual([3, 3]);
    expect([...file.subarray(40, 43)]).toEqual([1, 2, 3]);
    expect(view.getUint32(43, true)).toBe(1_700_000_001);
    expect(view.getUint32(47, true)).toBe(999_999);
    expect(file.length).toBe(24 + 16 + 3 + 16 + 1);
  });

  it("cuts frames at the snaplen and keeps their original length", () => {
    const file = writeSavefile([{ timeMicros: 0, data: new Uint8Array(10) }], { snaplen: 4 });
    const view = new DataView(file.buffer);
    expect([view.getUint32(32, true), view.getUint32(36, true)]).toEqual([4, 10]);
    expect(file.length).toBe(24 + 16 + 4);
  });
});
