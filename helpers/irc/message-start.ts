// The 2022 anchoring (CVE-2022-2663): a segment is only searched for a DCC when it starts,
// after leading blanks, with "PRIVMSG " in any case.

const SPACE = 0x20;
const CR = 0x0d;
const LF = 0x0a;
/** "privmsg " in lower case; the segment's bytes are folded before comparing. */
const PRIVMSG = Uint8Array.from("privmsg ", (c) => c.charCodeAt(0));
/** strlen("PRIVMSG x "): the kernel skips blanks and checks the keyword only while more
 * than this many bytes remain. */
const MIN_REMAINING = 10;

function lower(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

/** Where the PRIVMSG target starts (right after "PRIVMSG "), or -1 when the segment is no
 * PRIVMSG. data[0, limit) is what the kernel copied. A segment whose blanks leave 10 bytes
 * or fewer skips the keyword check in the kernel, but then cannot hold a DCC either (the
 * DCC search needs more than 26 bytes), so it reads as -1 here. */
export function privmsgTargetStart(data: Uint8Array, limit: number): number {
  let i = 0;
  while (limit - i > MIN_REMAINING) {
    const byte = data[i];
    if (byte !== SPACE && byte !== CR && byte !== LF) break;
    i++;
  }
  if (limit - i <= MIN_REMAINING) return -1;
  for (let k = 0; k < PRIVMSG.length; k++) if (lower(data[i + k]) !== PRIVMSG[k]) return -1;
  return i + PRIVMSG.length;
}
