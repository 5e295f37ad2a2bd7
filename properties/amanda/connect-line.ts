// The CONNECT line of an amandad reply: "CONNECT " then DATA/MESG/INDEX/STATE tokens with
// ports, in any order, any subset, repeated, glued into words (METADATA, XINDEX), and a
// "\n" at the end (usually).

import fc from "fast-check";
import { portSpelling } from "./port-spelling.ts";

const TOKENS = ["DATA", "MESG", "INDEX", "STATE"] as const;

function tokenWithPort(): fc.Arbitrary<string> {
  const name = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...TOKENS) },
    { weight: 1, arbitrary: fc.constantFrom("METADATA", "XINDEX", "MESGS", "data", "STATUS") },
  );
  return fc.tuple(name, portSpelling()).map(([token, port]) => `${token} ${port}`);
}

export interface ConnectLineOptions {
  /** Probability weight of a missing final "\n" (out of 10). */
  missingNewline?: number;
}

export function connectLine(options: ConnectLineOptions = {}): fc.Arbitrary<string> {
  const keyword = fc.oneof(
    { weight: 10, arbitrary: fc.constant("CONNECT ") },
    { weight: 1, arbitrary: fc.constantFrom("XCONNECT ", "connect ", "CONNECT", "CONNECT  ") },
  );
  const end = fc.oneof(
    { weight: 10 - (options.missingNewline ?? 1), arbitrary: fc.constant("\n") },
    { weight: options.missingNewline ?? 1, arbitrary: fc.constantFrom("", "\r", " ") },
  );
  return fc
    .tuple(keyword, fc.array(tokenWithPort(), { minLength: 1, maxLength: 5 }), end)
    .map(([connect, tokens, newline]) => `${connect}${tokens.join(" ")}${newline}`);
}
