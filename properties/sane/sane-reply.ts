// Server replies. A SANE_NET_START reply is status, port (a word: the kernel reads its high
// half as "zero"), byte order and a resource string; the kernel reads the first 8 bytes,
// so the generator varies every one of those fields, and the rest.

import fc from "fast-check";
import { concatBytes, saneString, word } from "./sane-words.ts";

/** SANE_STATUS_GOOD (0) most often, then every SANE_Status (1–11) and words no server sends. */
const status = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 11 }) },
  { weight: 1, arbitrary: fc.constantFrom(0x100, 0x01000000, 0xffffffff) },
  { weight: 1, arbitrary: fc.nat() },
);

/** The "zero" field (the port word's high half): 0 most often. */
const zero = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom(1, 0x100, 0xffff) },
  { weight: 1, arbitrary: fc.nat(0xffff) },
);

export const dataPort = fc.oneof(
  fc.constantFrom(0, 1, 1023, 1024, 6566, 65535),
  fc.integer({ min: 1024, max: 65535 }),
);

const tail = fc.oneof(
  { weight: 2, arbitrary: fc.constant(new Uint8Array(0)) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(0x1234, 0x4321), fc.constantFrom(null, "", "pixma:04A9176D"))
      .map(([order, resource]) => concatBytes([word(order), saneString(resource)])),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 16 }) },
);

/** A reply shaped like SANE_NET_START's: status, zero, port, then a tail (none = exactly 8). */
export function startReply(): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(status, zero, dataPort, tail)
    .map(([s, z, port, rest]) => concatBytes([word(s), word(((z << 16) | port) >>> 0), rest]));
}

/** A successful START reply: the one that opens the pinhole. */
export function successfulStartReply(): fc.Arbitrary<Uint8Array> {
  return fc.tuple(dataPort, tail).map(([port, rest]) => concatBytes([word(0), word(port), rest]));
}

/** Answers to other calls: a status and a few words (GET_PARAMETERS' format word 1 reads
 * as port 1), or the 4-byte dummy word of CLOSE/CANCEL/AUTHORIZE. */
export function otherReply(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc
      .tuple(status, fc.array(fc.nat(0xffff), { minLength: 1, maxLength: 6 }))
      .map(([s, words]) => concatBytes([word(s), ...words.map(word)])),
    fc.constant(word(0)),
  );
}

export function saneReply(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 4, arbitrary: startReply() },
    { weight: 2, arbitrary: successfulStartReply() },
    { weight: 2, arbitrary: otherReply() },
  );
}
