// Bytes no peer sends on purpose: any length from 0 to 16 (7 and 9 beside the 8 that
// counts), a START with one byte more or less, a reply cut short.

import fc from "fast-check";
import { startReply } from "./sane-reply.ts";
import { startRequest } from "./sane-request.ts";

function cut(message: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(message, fc.nat()).map(([m, n]) => m.subarray(0, n % m.length));
}

export function saneOddMessage(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 16 }),
    startRequest().map((start) => Uint8Array.of(...start, 0)),
    cut(startRequest()),
    cut(startReply()),
  );
}
