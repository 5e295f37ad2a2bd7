// Damage done to a well-formed line: each is one of the ways the kernel's parsers have been
// fed garbage (a lost CR, a missing space, a keyword cut short, noise bytes, ...).

import fc from "fast-check";
import type { LineTemplate } from "../core/dialogue-flow.ts";

export type LineDamage = (line: Uint8Array) => Uint8Array;

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

function withoutLineEnd(line: Uint8Array): Uint8Array {
  let end = line.length;
  if (end > 0 && line[end - 1] === LF) end--;
  if (end > 0 && line[end - 1] === CR) end--;
  return line.subarray(0, end);
}

export const bareNewline: LineDamage = (line) => Uint8Array.of(...withoutLineEnd(line), LF);
export const noLineEnd: LineDamage = (line) => withoutLineEnd(line);
export const noSpaceAfterKeyword: LineDamage = (line) => {
  const space = line.indexOf(SPACE);
  return space === -1
    ? line
    : Uint8Array.of(...line.subarray(0, space), ...line.subarray(space + 1));
};
export const lowercase: LineDamage = (line) =>
  line.map((b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b));
export const leadingSpace: LineDamage = (line) => Uint8Array.of(SPACE, ...line);

/** Cut to the first `length` bytes: "P", "EP", "22", "PORT 1,2,". */
export function truncated(length: number): LineDamage {
  return (line) => line.subarray(0, Math.min(line.length, length));
}

/** One byte put at (or replacing the byte at) a position, counted from the line's end so
 * that it lands in the argument: a wrong delimiter, an extra ",7", a stray digit. */
export function spliced(fromEnd: number, bytes: Uint8Array, replace: boolean): LineDamage {
  return (line) => {
    const at = Math.max(0, line.length - 1 - (fromEnd % Math.max(1, line.length)));
    return Uint8Array.of(
      ...line.subarray(0, at),
      ...bytes,
      ...line.subarray(replace ? at + 1 : at),
    );
  };
}

export function lineDamage(): fc.Arbitrary<LineDamage> {
  const inserted = fc.oneof(
    fc
      .constantFrom(",", ",7", "|", ".", ":", "0", "9", " ", "\r", "\n", "(", ")")
      .map((t) => Uint8Array.from(t, (c) => c.charCodeAt(0))),
    fc.uint8Array({ minLength: 1, maxLength: 4 }),
  );
  return fc.oneof(
    fc.constantFrom(bareNewline, noLineEnd, noSpaceAfterKeyword, lowercase, leadingSpace),
    fc.integer({ min: 1, max: 24 }).map(truncated),
    fc
      .tuple(fc.nat(40), inserted, fc.boolean())
      .map(([at, bytes, replace]) => spliced(at, bytes, replace)),
  );
}

export function damaged(line: fc.Arbitrary<LineTemplate>): fc.Arbitrary<LineTemplate> {
  return fc.tuple(line, lineDamage()).map(([template, damage]) => ({
    dir: template.dir,
    render: (flow) => damage(template.render(flow)),
  }));
}
