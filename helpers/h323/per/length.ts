// Length determinants, X.691 10.9 (ALIGNED variant). With an upper bound below 64K the
// length is a constrained whole number over lb..ub (10.9.3.3; fixed sizes send nothing,
// 10.9.3.3 with range 1). Otherwise an aligned octet 0xxxxxxx (< 128, 10.9.3.6) or two
// octets 10xxxxxx xxxxxxxx (< 16K, 10.9.3.7); the fragmented form 11xxxxxx (10.9.3.8) is
// refused with a PerError "fragmented" and never written.

import type { BitReader } from "./bit-reader.ts";
import type { BitWriter } from "./bit-writer.ts";
import {
  readConstrainedWholeNumber,
  writeConstrainedWholeNumber,
} from "./constrained-whole-number.ts";
import { PerError } from "./per-error.ts";

/** Bounds below this use the constrained whole number form (10.9.3.3). */
export const CONSTRAINED_LENGTH_LIMIT = 65536;
/** The largest length the unfragmented forms carry: 2^14 - 1. */
export const MAX_UNFRAGMENTED = 16383;

/** The size constraint of a length: ub undefined means no upper bound. */
export interface SizeRange {
  lb: number;
  ub?: number;
}

const usesConstrainedForm = (size: SizeRange) =>
  size.ub !== undefined && size.ub < CONSTRAINED_LENGTH_LIMIT;

export function readLength(r: BitReader, size: SizeRange): number | PerError {
  if (usesConstrainedForm(size)) return readConstrainedWholeNumber(r, size.lb, size.ub as number);
  const at = r.position();
  const n = readUnconstrainedLength(r);
  if (n instanceof PerError) return n;
  if (n < size.lb || (size.ub !== undefined && n > size.ub))
    return new PerError("out-of-range", at);
  return n;
}

export function writeLength(w: BitWriter, n: number, size: SizeRange): void {
  if (usesConstrainedForm(size)) writeConstrainedWholeNumber(w, n, size.lb, size.ub as number);
  else {
    if (n < size.lb || (size.ub !== undefined && n > size.ub)) {
      throw new RangeError(`length ${n} outside its size constraint`);
    }
    writeUnconstrainedLength(w, n);
  }
}

/** The aligned one- or two-octet length (10.9.3.6, 10.9.3.7). */
export function readUnconstrainedLength(r: BitReader): number | PerError {
  r.align();
  const at = r.position();
  const first = r.readBits(8);
  if (first instanceof PerError) return first;
  if ((first & 0x80) === 0) return first;
  // 11xxxxxx announces 16K-item fragments; H.225.0 and H.245 messages are far below
  // that, so it is refused here rather than reassembled
  if ((first & 0x40) !== 0) return new PerError("fragmented", at);
  const second = r.readBits(8);
  if (second instanceof PerError) return second;
  return ((first & 0x3f) << 8) | second;
}

export function writeUnconstrainedLength(w: BitWriter, n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_UNFRAGMENTED) {
    throw new RangeError(`length ${n}: the fragmented form is not written`);
  }
  w.align();
  if (n < 128) w.writeBits(n, 8);
  else w.writeBits(0x8000 | n, 16);
}
