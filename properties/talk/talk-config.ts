import fc from "fast-check";

/** The talk options: which helper the connection carries (mostly stated, both kinds), and
 * now and then a module parameter turned off. */
export function talkConfig(): fc.Arbitrary<Record<string, unknown> | undefined> {
  const flags = fc.oneof(
    { weight: 6, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.constantFrom({ talk: 0 }, { ntalk: 0 }, { ntalk2: 0 }, { ntalk: 0, ntalk2: 0 }),
    },
  );
  const mode = fc.oneof(
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 2, arbitrary: fc.constantFrom({ mode: "announce" }, { mode: "lookup" }) },
  );
  return fc.tuple(mode, flags).map(([m, f]) => {
    const config = { ...m, ...f };
    return Object.keys(config).length === 0 ? undefined : config;
  });
}
