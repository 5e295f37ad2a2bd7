import fc from "fast-check";

/** SIP configs (the contract's keys): mostly the defaults, which are what this machine's
 * kernel runs (direct media and signalling on, external media off, strict parsing on);
 * sometimes the other values, which only the in-process targets can run. */
export function sipConfig(): fc.Arbitrary<Record<string, unknown> | undefined> {
  const sameDevice = fc.constantFrom([], ["192.0.2.77"], ["198.19.0.5", "2001:db8:8000::5"]);
  return fc.oneof(
    { weight: 24, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constant({ strictParsing: true }) },
    { weight: 1, arbitrary: fc.constant({ strictParsing: false }) },
    { weight: 1, arbitrary: fc.constant({ directMedia: false }) },
    { weight: 1, arbitrary: fc.constant({ directSignalling: false }) },
    {
      weight: 1,
      arbitrary: sameDevice.map((list) => ({
        directMedia: false,
        externalMedia: true,
        sameDeviceMedia: list,
      })),
    },
  );
}
