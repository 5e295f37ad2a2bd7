// After PRIVMSG: the CTCP DCC must sit right after the first " :" (the start of the
// message text). A DCC type the kernel does not know sends the search on to a later " :".

import { indexOfByte } from "../core/find-bytes.ts";
import { bytesAt, dccTypeLength } from "./dcc-types.ts";

const SPACE = 0x20;
const COLON = 0x3a;
const CTCP_DCC = Uint8Array.from("\x01DCC ", (c) => c.charCodeAt(0));
/** strlen(" :\1DCC SENT t AAAAAAAA P\1\n"): a " :" is only looked for while more than this
 * many bytes remain. */
const MIN_REMAINING = 26;

/** Where the DCC arguments start (right after "SEND " etc.), or -1 when there is no DCC the
 * kernel acts on: text other than "\x01DCC " after a " :" ends the search. The kernel's
 * byte loop looks for " :" at every i with limit - i > 26; here the ':' (the rarer byte)
 * is searched natively and the space before it checked. */
export function findDccArguments(data: Uint8Array, from: number, limit: number): number {
  let i = from;
  while (limit - i > MIN_REMAINING) {
    // A " :" at p needs p >= i and limit - p > 26: its ':' lies in [i + 1, limit - 25).
    const colon = indexOfByte(data, COLON, i + 1, limit - MIN_REMAINING + 1);
    if (colon < 0) return -1;
    if (data[colon - 1] !== SPACE) {
      i = colon + 1;
      continue;
    }
    i = colon + 1;
    if (!bytesAt(data, i, limit, CTCP_DCC)) return -1;
    i += CTCP_DCC.length;
    const type = dccTypeLength(data, i, limit);
    if (type > 0) return i + type;
  }
  return -1;
}
