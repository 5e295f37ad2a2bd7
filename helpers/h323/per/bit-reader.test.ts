import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitReader } from "./bit-reader.ts";
import { bitWriter } from "./bit-writer.ts";
import { PerError } from "./per-error.ts";

const b = (...bytes: number[]) => Uint8Array.from(bytes);
const kind = (x: unknown) => (x instanceof PerError ? x.kind : "ok");

describe("readBits", () => {
  it("reads MSB first across octet boundaries (X.691 10.1)", () => {
    const r = bitReader(b(0b1011_0011, 0b0101_1111));
    expect(r.readBits(1)).toBe(1);
    expect(r.readBits(3)).toBe(0b011);
    expect(r.readBits(6)).toBe(0b0011_01);
    expect(r.readBits(6)).toBe(0b01_1111);
    expect(r.position()).toBe(16);
    expect(r.bitsLeft()).toBe(0);
  });
  it("reads 32 bits as a non-negative number", () => {
    const r = bitReader(b(0xff, 0xff, 0xff, 0xfe, 0x80));
    expect(r.readBits(32)).toBe(0xfffffffe);
    expect(r.readBit()).toBe(true);
  });
  it("reads 0 bits as 0 without moving, also at the end", () => {
    const r = bitReader(b());
    expect(r.readBits(0)).toBe(0);
    expect(r.position()).toBe(0);
  });
  it("refuses a read past the end at every bit position of a short buffer", () => {
    const bytes = b(0xa5, 0x5a, 0xff);
    for (let start = 0; start <= 24; start++) {
      for (let n = 24 - start + 1; n <= 32; n++) {
        const r = bitReader(bytes);
        if (start > 0) expect(kind(r.readBits(Math.min(start, 32)))).toBe("ok");
        const got = r.readBits(n);
        expect(kind(got)).toBe("overrun");
        expect((got as PerError).bitPosition).toBe(start);
        // a refused read does not move the position, and nothing past the end was looked at
        expect(r.position()).toBe(start);
        expect(r.furthestLook()).toBeLessThanOrEqual(24);
      }
    }
  });
});

describe("align and readOctets", () => {
  it("align moves to the next boundary, or stays on one", () => {
    const r = bitReader(b(0x80, 0x42));
    r.align();
    expect(r.position()).toBe(0);
    r.readBits(1);
    r.align();
    expect(r.position()).toBe(8);
    expect(r.readBits(8)).toBe(0x42);
    r.align();
    expect(r.position()).toBe(16);
  });
  it("readOctets aligns first and returns a view", () => {
    const r = bitReader(b(0xc0, 1, 2, 3));
    expect(r.readBits(2)).toBe(3);
    expect(Array.from(r.readOctets(2) as Uint8Array)).toEqual([1, 2]);
    expect(kind(r.readOctets(2))).toBe("overrun");
    expect(Array.from(r.readOctets(1) as Uint8Array)).toEqual([3]);
    expect(Array.from(r.readOctets(0) as Uint8Array)).toEqual([]);
  });
  it("readOctets past the end is refused from every bit position", () => {
    for (let start = 0; start <= 16; start++) {
      const r = bitReader(b(1, 2));
      r.readBits(start);
      const left = 2 - Math.ceil(start / 8);
      expect(kind(r.readOctets(left + 1))).toBe("overrun");
      expect(r.furthestLook()).toBeLessThanOrEqual(16);
      expect(kind(r.readOctets(left))).toBe("ok");
    }
  });
});

describe("writer and reader agree", () => {
  it("round-trips any sequence of bit fields and octet runs", () => {
    const field = fc.oneof(
      fc
        .integer({ min: 0, max: 32 })
        .chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: 2 ** n - 1 }))),
      fc.uint8Array({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 20 }), (fields) => {
        const w = bitWriter();
        for (const f of fields) {
          if (f instanceof Uint8Array) w.writeOctets(f);
          else w.writeBits(f[1], f[0]);
        }
        const bytes = w.toBytes();
        expect(bytes.length).toBe(Math.ceil(w.position() / 8));
        const r = bitReader(bytes);
        for (const f of fields) {
          if (f instanceof Uint8Array) expect(r.readOctets(f.length)).toEqual(f);
          else expect(r.readBits(f[0])).toBe(f[1]);
        }
        expect(r.position()).toBe(w.position());
      }),
      { numRuns: 500 },
    );
  });
});

describe("a reader ending inside an octet", () => {
  it("reads up to its bit length and refuses the next bit", () => {
    const r = bitReader(b(0xff, 0xff), 11);
    expect(r.readBits(11)).toBe(0x7ff);
    expect(kind(r.readBit())).toBe("overrun");
    expect(r.furthestLook()).toBe(11);
  });
  it("refuses an aligned octet once align passed the end", () => {
    const r = bitReader(b(0xff, 0xff), 9);
    r.readBits(9);
    r.align();
    expect(r.bitsLeft()).toBe(0);
    expect(kind(r.readOctets(1))).toBe("overrun");
    expect(r.furthestLook()).toBeLessThanOrEqual(9);
  });
});

describe("no byte past the end is ever indexed", () => {
  it("a proxy that records every index read sees none past the buffer", () => {
    // independent of furthestLook: the proxy sees the reader's own array accesses
    for (let length = 0; length <= 3; length++) {
      for (let n = 1; n <= 32; n++) {
        let highest = -1;
        const target = new Uint8Array(length).fill(0xff);
        const bytes = new Proxy(target, {
          get(t, key) {
            if (typeof key === "string" && /^\d+$/.test(key)) highest = Math.max(highest, +key);
            return t[key as keyof Uint8Array];
          },
        });
        const r = bitReader(bytes);
        // bounded, so a reader that never refuses ends the test instead of hanging it
        for (let i = 0; i < 40 && !(r.readBits(n) instanceof PerError); i++);
        expect(highest).toBeLessThan(length);
      }
    }
  });
});
