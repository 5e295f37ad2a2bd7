import fc from "fast-check";

/** Damage done to a rendered message: cut short (inside a header, before CRLFCRLF, inside
 * the body), binary noise spliced in, the CRLFCRLF removed, bare LF line ends, a NUL. */
export function malformation(): fc.Arbitrary<(text: string) => string> {
  return fc.oneof(
    fc
      .double({ min: 0, max: 1, noNaN: true })
      .map((f) => (t: string) => t.slice(0, Math.floor(t.length * f))),
    fc
      .tuple(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.uint8Array({ minLength: 1, maxLength: 12 }),
      )
      .map(([f, noise]) => (t: string) => {
        const at = Math.floor(t.length * f);
        return t.slice(0, at) + String.fromCharCode(...noise) + t.slice(at);
      }),
    fc.constant((t: string) => t.replace("\r\n\r\n", "\r\n")),
    fc.constant((t: string) => t.replaceAll("\r\n", "\n")),
    fc.constant((t: string) => t.replace(/\r\nCSeq:[^\r\n]*/i, "")),
    fc.constant((t: string) => t.replace("\r\n", "\0\r\n")),
  );
}
