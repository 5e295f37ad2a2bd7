// The frame around CHOICE, SEQUENCE and SEQUENCE OF values (X.691 07/2002 clauses 22, 18,
// 19): a CHOICE index over the root alternatives (constrained, 22.6) or, past the
// extension bit, a normally small index of an addition (22.8) whose value is an open type;
// a SEQUENCE preamble (extension bit 18.1, presence bits 18.2) and its extension-addition
// bit map (a normally small length, 18.8) before open-type additions (18.9); a count (19.6).

import type { BitReader } from "./bit-reader.ts";
import type { BitWriter } from "./bit-writer.ts";
import {
  readConstrainedWholeNumber,
  writeConstrainedWholeNumber,
} from "./constrained-whole-number.ts";
import {
  readExtensibleLength,
  readNormallySmall,
  readNormallySmallLength,
  writeExtensibleLength,
  writeNormallySmall,
  writeNormallySmallLength,
} from "./extension.ts";
import { readLength, type SizeRange, writeLength } from "./length.ts";
import { PerError } from "./per-error.ts";

export interface ChoiceShape {
  /** the number of root alternatives (at least one) */
  rootCount: number;
  /** the type has an extension marker */
  extensible: boolean;
}

/** Which alternative: a root one (0-based), or an extension addition (0-based among the
 * additions; its value follows as an open type, extension.ts's readOpenType). */
export interface ChoiceIndex {
  extension: boolean;
  index: number;
}

export function readChoiceIndex(r: BitReader, shape: ChoiceShape): ChoiceIndex | PerError {
  if (shape.extensible) {
    const extension = r.readBit();
    if (extension instanceof PerError) return extension;
    if (extension) {
      const index = readNormallySmall(r);
      return index instanceof PerError ? index : { extension: true, index };
    }
  }
  const index = readConstrainedWholeNumber(r, 0, shape.rootCount - 1);
  return index instanceof PerError ? index : { extension: false, index };
}

export function writeChoiceIndex(w: BitWriter, choice: ChoiceIndex, shape: ChoiceShape): void {
  if (choice.extension && !shape.extensible) throw new RangeError("no extension marker");
  if (shape.extensible) w.writeBit(choice.extension);
  if (choice.extension) writeNormallySmall(w, choice.index);
  else writeConstrainedWholeNumber(w, choice.index, 0, shape.rootCount - 1);
}

export interface SequenceShape {
  /** the number of OPTIONAL or DEFAULT root components */
  optionalCount: number;
  extensible: boolean;
}

export interface SequencePreamble {
  /** the extension bit: extension additions follow the root components */
  extended: boolean;
  /** one entry per OPTIONAL/DEFAULT root component, in order */
  present: boolean[];
}

export function readSequencePreamble(
  r: BitReader,
  shape: SequenceShape,
): SequencePreamble | PerError {
  let extended = false;
  if (shape.extensible) {
    const bit = r.readBit();
    if (bit instanceof PerError) return bit;
    extended = bit;
  }
  const present = readBitMap(r, shape.optionalCount);
  return present instanceof PerError ? present : { extended, present };
}

export function writeSequencePreamble(
  w: BitWriter,
  preamble: SequencePreamble,
  shape: SequenceShape,
): void {
  if (preamble.present.length !== shape.optionalCount) throw new RangeError("presence bits");
  if (preamble.extended && !shape.extensible) throw new RangeError("no extension marker");
  if (shape.extensible) w.writeBit(preamble.extended);
  for (const bit of preamble.present) w.writeBit(bit);
}

function readBitMap(r: BitReader, count: number): boolean[] | PerError {
  // checked up front, so a huge count from the wire costs one comparison, not a loop
  if (r.bitsLeft() < count) return new PerError("overrun", r.position());
  const bits: boolean[] = [];
  for (let i = 0; i < count; i++) bits.push(r.readBit() as boolean);
  return bits;
}

/**
 * After the root components of an extended SEQUENCE: which extension additions are
 * present. Each present one then follows as an open type, in order (extension.ts).
 */
export function readExtensionAdditionsPresence(r: BitReader): boolean[] | PerError {
  const count = readNormallySmallLength(r);
  if (count instanceof PerError) return count;
  return readBitMap(r, count);
}

export function writeExtensionAdditionsPresence(w: BitWriter, present: boolean[]): void {
  writeNormallySmallLength(w, present.length);
  for (const bit of present) w.writeBit(bit);
}

/** SEQUENCE (SIZE (...)) OF's count (19.6): a length determinant, with the extension bit
 * first when the size constraint is extensible. */
export function readSequenceOfCount(
  r: BitReader,
  size: SizeRange,
  extensible = false,
): number | PerError {
  return extensible ? readExtensibleLength(r, size) : readLength(r, size);
}

export function writeSequenceOfCount(
  w: BitWriter,
  count: number,
  size: SizeRange,
  extensible = false,
): void {
  if (extensible) writeExtensibleLength(w, count, size);
  else writeLength(w, count, size);
}
