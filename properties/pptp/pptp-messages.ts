// The fields and the damaged forms of PPTP control messages: call ids (a few values that
// recur within a dialogue, so calls reuse and change them, and any 16-bit value), result
// codes (mostly success = 1, then the RFC's other codes and bytes no peer sends), and the
// ways a message can be wrong: cookie, message type, control type, length field, a body
// cut short, bytes after it.

import fc from "fast-check";
import {
  BODY_LENGTH,
  HEADERS,
  MESSAGE_NAMES,
  type MessageFields,
  type MessageName,
  message,
} from "./pptp-wire.ts";

export const callId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(1, 2, 0x1234, 0x4000) },
  { weight: 1, arbitrary: fc.constantFrom(0, 0xffff) },
  { weight: 1, arbitrary: fc.nat(0xffff) },
);

/** A result code: 1 (success: Start OK, Connected, Accept) most often. */
export function resultCode(successWeight = 4): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: successWeight, arbitrary: fc.constant(1) },
    { weight: 2, arbitrary: fc.constantFrom(0, 2, 3, 4, 5, 6, 7) },
    { weight: 1, arbitrary: fc.constantFrom(0x81, 0xff) },
  );
}

type Damage = (bytes: Uint8Array) => Uint8Array;

function edited(edit: (out: Uint8Array) => void): Damage {
  return (bytes) => {
    const out = Uint8Array.from(bytes);
    edit(out);
    return out;
  };
}

/** The ways a message is damaged: some the kernel reads past (the length field, bytes
 * after the message), the others make it skip the segment. */
export const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.constantFrom<Damage>(
    edited((out) => {
      out[7] ^= 0x01; // magic 0x1A2B3C4C
    }),
    edited((out) => {
      out.set([0x4d, 0x3c, 0x2b, 0x1a], 4); // magic little-endian
    }),
    edited((out) => {
      out[3] = 2; // a management message
    }),
    edited((out) => {
      out[0] = 0;
      out[1] = 0; // length field 0: never checked
    }),
    edited((out) => {
      out[0] = 0xff; // length field too large: never checked
    }),
    (bytes) => Uint8Array.of(...bytes, 0, 0, 0, 0), // trailing bytes
  ),
  fc.nat().map(
    (n): Damage =>
      (bytes) =>
        bytes.subarray(0, n % bytes.length), // cut short: headers or body incomplete
  ),
  fc.constantFrom(0, 16, 0x100, 0xffff).map(
    (type): Damage =>
      edited((out) => {
        out[8] = type >> 8;
        out[9] = type & 0xff; // unknown control message type
      }),
  ),
);

/** Any message type with arbitrary fields (sent by either side). */
export function anyMessage(): fc.Arbitrary<Uint8Array> {
  return fc
    .record({
      name: fc.constantFrom<MessageName>(...MESSAGE_NAMES),
      callId,
      peerCallId: callId,
      result: resultCode(),
    })
    .map(({ name, ...fields }: { name: MessageName } & MessageFields) => message(name, fields));
}

/** Bytes that are not one whole message: damaged messages, two messages in one segment
 * (the second is never read), random bytes. */
export function oddMessage(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(anyMessage(), damage).map(([m, d]) => d(m)) },
    {
      weight: 1,
      arbitrary: fc.tuple(anyMessage(), anyMessage()).map(([a, b]) => Uint8Array.of(...a, ...b)),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: HEADERS + BODY_LENGTH.OCRP }) },
  );
}
