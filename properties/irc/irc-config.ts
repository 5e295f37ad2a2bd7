import fc from "fast-check";

/** The module parameters a flow may set; absent most of the time (the defaults). Channel
 * limits stay within the static policy's 8 so that max-live-expectations, which reads the
 * static policy, stays sound until it reads the per-flow one. */
export function ircConfig(): fc.Arbitrary<Record<string, unknown> | undefined> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc.record(
        {
          maxDccChannels: fc.constantFrom(1, 2, 3, 8, 12, 255),
          dccTimeout: fc.constantFrom(300, 60, 3600),
          ports: fc.constantFrom([6667], [6667, 6697]),
        },
        { requiredKeys: [] },
      ) as fc.Arbitrary<Record<string, unknown>>,
    },
  );
}
