import fc from "fast-check";
import type { Delivery, DeliveryOp } from "./segmentation.ts";

const dir = fc.constantFrom("orig" as const, "reply" as const);

/** How the segments travel: usually in order; sometimes retransmitted (same or other
 * bytes, e.g. a keyword prefix), reordered, or with bare ACKs between them. */
export function delivery(otherBytes: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Delivery> {
  const op: fc.Arbitrary<DeliveryOp> = fc.oneof(
    fc.record({
      kind: fc.constant("retransmit" as const),
      at: fc.nat(),
      later: fc.nat(),
      bytes: fc.option(otherBytes, { freq: 2 }),
    }),
    fc.record({ kind: fc.constant("swap" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("empty" as const), at: fc.nat(), dir }),
  );
  const ops = fc.oneof(
    { weight: 3, arbitrary: fc.constant<DeliveryOp[]>([]) },
    { weight: 1, arbitrary: fc.array(op, { minLength: 1, maxLength: 3 }) },
  );
  const initial = fc.oneof(
    { weight: 6, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 2 ** 32 - 64, max: 2 ** 32 - 1 }) },
  );
  return fc.record({
    ops,
    initialSeq: fc.record({ orig: initial, reply: initial }),
    explicitSeqs: fc.boolean(),
  });
}
