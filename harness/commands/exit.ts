// The one type every command shares, in its own file so that no command imports another
// (nor index.ts, which imports them all).

/** Commands report their exit code through `exit` (the highest one wins). */
export type ExitWith = (code: number) => void;
