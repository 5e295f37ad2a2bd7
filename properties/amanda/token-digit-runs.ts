// The digit runs that follow a DATA/MESG/INDEX/STATE token, at every occurrence (inside
// words too): the only bytes an Amanda NAT rewrite may change.

const TOKENS = ["DATA ", "MESG ", "INDEX ", "STATE "];

export interface DigitRun {
  start: number;
  digits: string;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

function occurrences(text: string, token: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) at.push(i);
  return at;
}

export function tokenDigitRuns(data: Uint8Array): DigitRun[] {
  const text = String.fromCharCode(...data);
  const starts = new Set<number>();
  for (const token of TOKENS) {
    for (const at of occurrences(text, token)) starts.add(at + token.length);
  }
  return [...starts]
    .sort((a, b) => a - b)
    .map((start) => {
      let end = start;
      while (end < data.length && isDigit(data[end])) end++;
      return { start, digits: text.slice(start, end) };
    });
}

/** The bytes with every token digit run replaced by "#": equal for input and output when
 * a rewrite touched nothing else. */
export function maskTokenDigits(data: Uint8Array): string {
  const text = String.fromCharCode(...data);
  let out = "";
  let from = 0;
  for (const run of tokenDigitRuns(data)) {
    out += `${text.slice(from, run.start)}#`;
    from = run.start + run.digits.length;
  }
  return out + text.slice(from);
}
