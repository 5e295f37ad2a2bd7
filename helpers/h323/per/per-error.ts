// The one failure value of the aligned-PER decoder. Decoding returns it instead of
// throwing, because the fast helper built on this reads bytes off the wire and must never
// throw on them (docs/ARCHITECTURE.md: a helper never throws on bytes).

export type PerErrorKind =
  /** a read would go past the end of the buffer (or of an open type's octets) */
  | "overrun"
  /** a decoded value lies outside the constraint the caller stated */
  | "out-of-range"
  /** the fragmented length form of X.691 10.9.3.8 (11xxxxxx), refused */
  | "fragmented"
  /** a length or integer longer than this library decodes (see README.md) */
  | "too-long"
  /** a character index past the end of the permitted alphabet */
  | "bad-character";

export class PerError {
  constructor(
    readonly kind: PerErrorKind,
    /** the reader's bit position when the failure was found */
    readonly bitPosition: number,
  ) {}
}

export const isPerError = (x: unknown): x is PerError => x instanceof PerError;
