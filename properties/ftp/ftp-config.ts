import fc from "fast-check";

/** The FTP helper's options (kernel module params `loose`, and the 2026-05 "avoid u16
 * overflows" parser strictness). Absent most of the time: the kernel default. */
export interface FtpConfigChoice {
  loose?: boolean;
  avoidU16Overflows?: boolean;
}

export function ftpConfig(): fc.Arbitrary<Record<string, unknown> | undefined> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc.record(
        { loose: fc.boolean(), avoidU16Overflows: fc.boolean() },
        { requiredKeys: [] },
      ) as fc.Arbitrary<Record<string, unknown>>,
    },
  );
}

/** Configs without loose: where the anti-bounce rule must hold. */
export function strictFtpConfig(): fc.Arbitrary<Record<string, unknown> | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    fc.record({ loose: fc.constant(false), avoidU16Overflows: fc.boolean() }, { requiredKeys: [] }),
  );
}
