import fc from "fast-check";
import { asciiBytes } from "../core/dialogue-flow.ts";

/** What a retransmission may carry instead of the original bytes: a cut DCC, other chatter
 * or noise. Never a complete DCC, so a flow's pinholes come from its dialogue. */
export function retransmittedBytes(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc
      .constantFrom("PRIVMSG bob :\x01DCC SEND f 3", "PRIVMSG", "\r\n", "PING :x\r\n")
      .map(asciiBytes),
    fc.uint8Array({ maxLength: 16 }),
  );
}
