import fc from "fast-check";

/** SIP configs (the contract's keys): mostly the defaults, which are what this machine's
 * kernel runs (direct media and signalling on, external media off, strict parsing on);
 * sometimes the other values, which only the in-process targets can run. */
export function sipConfig(): fc.Arbitrary<Record<string, unknown> | undefined> {
  // The third-party address the SDP arbitrary names (192.0.2.99, 2001:db8:77::99): media there
  // routes out of the packet's own device, so sip_external_media opens nothing for it.
  const sameDevice = fc.constantFrom(
    [],
    ["192.0.2.99"],
    ["192.0.2.99", "2001:db8:77::99"],
    ["2001:db8:77::99"],
  );
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
