import fc from "fast-check";

/** The TFTP helper's only option, `ports`, which never changes what it does. */
export function tftpConfig(): fc.Arbitrary<Record<string, unknown> | undefined> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom({ ports: [69] }, { ports: [69, 6969] }) },
  );
}
