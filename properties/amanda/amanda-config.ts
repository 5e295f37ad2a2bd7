import fc from "fast-check";

/** The Amanda helper's options, neither of which changes an outcome. masterTimeout stays at
 * the kernel default: the kernel target cannot change that host-global parameter. */
export function amandaConfig(): fc.Arbitrary<Record<string, unknown> | undefined> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom({ masterTimeout: 300 }, { ports: [10080] }) },
  );
}
