import fc from "fast-check";
import type { SipText } from "./sip-view.ts";

/** The ":port" after a host: none (5060 implied), the sender's own, 5060, a neighbour, or
 * the edges of the 2026-04 rule (≤ 5 digits, 1024..65535; "065060" is 6 digits). */
export function portSuffix(): fc.Arbitrary<SipText> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant<SipText>((v) => `:${v.senderPort}`) },
    { weight: 3, arbitrary: fc.constant<SipText>(() => "") },
    { weight: 1, arbitrary: fc.constant<SipText>(() => ":5060") },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1024, max: 65535 }).map(
        (p): SipText =>
          () =>
            `:${p}`,
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          ":0",
          ":1023",
          ":1024",
          ":65535",
          ":65536",
          ":70000",
          ":065060",
          ":05060",
          ":",
          ":5060x",
        )
        .map(
          (t): SipText =>
            () =>
              t,
        ),
    },
  );
}
