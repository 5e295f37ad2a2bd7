// The mirror of bit-reader.ts for the generators and tests: a growing buffer written MSB
// first, with octet alignment by zero padding bits (X.691 10.1). Encoding a value outside
// what the caller asked for is a programming error, so the writer throws RangeError.

export interface BitWriter {
  /** bits written so far */
  position(): number;
  /** the n low bits of value (0 ≤ n ≤ 32, 0 ≤ value < 2^n), MSB first */
  writeBits(value: number, n: number): void;
  writeBit(bit: boolean): void;
  /** zero bits up to the next octet boundary */
  align(): void;
  /** align, then the octets */
  writeOctets(octets: Uint8Array): void;
  /** the bits so far, the last octet padded with zero bits */
  toBytes(): Uint8Array;
}

export function bitWriter(): BitWriter {
  let buffer = new Uint8Array(16);
  let pos = 0;

  function ensure(bits: number): void {
    const needed = (pos + bits + 7) >> 3;
    if (needed <= buffer.length) return;
    const grown = new Uint8Array(Math.max(needed, buffer.length * 2));
    grown.set(buffer);
    buffer = grown;
  }

  function writeBits(value: number, n: number): void {
    if (!Number.isInteger(n) || n < 0 || n > 32) throw new RangeError(`writeBits n=${n}`);
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** n) {
      throw new RangeError(`writeBits: ${value} does not fit in ${n} bits`);
    }
    ensure(n);
    for (let i = n - 1; i >= 0; i--) {
      const bit = Math.floor(value / 2 ** i) % 2;
      if (bit === 1) buffer[pos >> 3] = (buffer[pos >> 3] as number) | (0x80 >> (pos & 7));
      pos++;
    }
  }

  function align(): void {
    // the buffer is zero-filled, so padding bits need no writing
    const padded = (pos + 7) & ~7;
    ensure(padded - pos);
    pos = padded;
  }

  return {
    position: () => pos,
    writeBits,
    writeBit: (bit) => writeBits(bit ? 1 : 0, 1),
    align,
    writeOctets(octets) {
      align();
      ensure(octets.length * 8);
      buffer.set(octets, pos >> 3);
      pos += octets.length * 8;
    },
    toBytes: () => buffer.slice(0, (pos + 7) >> 3),
  };
}
