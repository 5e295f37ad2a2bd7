import fc from "fast-check";

const COMPACT: Record<string, string> = {
  From: "f",
  To: "t",
  Contact: "m",
  Via: "v",
  "Content-Length": "l",
  "Call-ID": "i",
  "Content-Type": "c",
};

/** How a header name and its colon are written: canonical (most UAs), compact (some phones,
 * RFC 4475), odd case, whitespace or a folded line before or after the colon. Returns the
 * text up to and including the space after ':'. */
export function headerName(name: string): fc.Arbitrary<string> {
  const spellings: fc.Arbitrary<string>[] = [
    fc.constant(name),
    fc.constantFrom(name.toLowerCase(), name.toUpperCase()),
  ];
  if (COMPACT[name]) spellings.push(fc.constant(COMPACT[name]));
  const colon = fc.oneof(
    { weight: 10, arbitrary: fc.constant(": ") },
    { weight: 1, arbitrary: fc.constantFrom(":", " : ", "\t:\t", ":\r\n ", " :\r\n\t  ", ":  ") },
  );
  return fc
    .tuple(fc.oneof({ weight: 8, arbitrary: spellings[0] }, ...spellings.slice(1)), colon)
    .map(([n, c]) => n + c);
}
