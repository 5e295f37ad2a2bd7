// Reads the address and port back out of a segment the NAT helper rewrote. Deliberately a
// strict, separate reading: what NAT writes must be one plain decimal, one space, a port.

export interface RewrittenDcc {
  /** The address digits exactly as written. */
  address: string;
  port: string;
}

/** The first DCC of a known type after a " :" in a segment led by PRIVMSG: the one the
 * kernel acts on (it only passes over a " :" followed by a DCC of an unknown type). */
const DCC = / :\x01DCC (?:SEND|CHAT|MOVE|TSEND|SCHAT) [^ ]* (\d+) (\d+)/;

export function parseRewrittenDcc(bytes: Uint8Array): RewrittenDcc | null {
  const text = String.fromCharCode(...bytes.subarray(0, 4200));
  if (!/^[ \r\n]*privmsg /i.test(text)) return null;
  const m = DCC.exec(text);
  return m ? { address: m[1], port: m[2] } : null;
}
