// Reading SIP text back out of segments, for the checks (not a SIP parser: just what the
// properties compare).

const latin1 = new TextDecoder("latin1");

export function segmentText(data: Uint8Array): string {
  return latin1.decode(data);
}

/** Every IPv4 literal and every IPv6 literal (in brackets, or after "IN IP6 "), in order. */
export function addressTokens(text: string): string[] {
  const found: { at: number; addr: string }[] = [];
  for (const m of text.matchAll(/(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d])/g))
    found.push({ at: m.index, addr: m[0] });
  for (const m of text.matchAll(/\[([0-9a-fA-F:.]+)\]|IN IP6 ([0-9a-fA-F:.]+)/g)) {
    const addr = m[1] ?? m[2];
    if (addr.includes(":")) found.push({ at: m.index, addr });
  }
  return found
    .filter(
      (f, i, all) =>
        !all.some(
          (g, j) =>
            j !== i && g.addr.includes(":") && f.at > g.at && f.at < g.at + g.addr.length + 8,
        ),
    )
    .sort((a, b) => a.at - b.at)
    .map((f) => f.addr);
}

/** The Content-Length value (full or compact name at a line start) and the body after the
 * first CRLFCRLF; null when either is missing or the value is not plain digits. */
export function lengthAndBody(text: string): { length: number; body: string } | null {
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const head = text.slice(0, end + 2);
  const m = head.match(/\r\n(?:Content-Length|l)[ \t]*:[ \t]*(\d+)[ \t]*\r\n/i);
  if (!m) return null;
  return { length: Number(m[1]), body: text.slice(end + 4) };
}

/** Whether nf_conntrack_sip's TCP loop consumes the segment exactly: each message framed by
 * a Content-Length header (at a line start, full or compact name, plain digits) and the
 * CRLFCRLF after it, the last one ending at the segment's end. Only then does the kernel
 * record the segment's rewrite delta for sure: a message whose end lies beyond the segment
 * makes it return without seqadj (measured, docs/sip.md). Conservative: any
 * spelling this reader does not know counts as not exact. */
export function framedExactly(text: string): boolean {
  let rest = text;
  for (let guard = 0; guard < 64 && rest.length > 0; guard++) {
    const m = rest.match(/[\r\n](?:content-length|l)[ \t]*:[ \t]*(\d+)/i);
    if (!m || m.index === undefined) return false;
    const length = Number(m[1]);
    const blank = rest.indexOf("\r\n\r\n", m.index + m[0].length);
    if (blank < 0 || m[1].length > 9) return false;
    const end = blank + 4 + length;
    if (end > rest.length) return false;
    rest = rest.slice(end);
  }
  return rest.length === 0;
}
