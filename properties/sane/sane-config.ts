import fc from "fast-check";

/** The SANE helper's only option, `ports`, which never changes what it does. */
export function saneConfig(): fc.Arbitrary<Record<string, unknown> | undefined> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom({ ports: [6566] }, { ports: [6566, 16566] }) },
  );
}
