import fc from "fast-check";
import { asciiBytes } from "../core/dialogue-flow.ts";

/** What a retransmission may carry instead of the original bytes: a keyword prefix (which
 * the kernel drops at a parsed position), another command, or noise. */
export function retransmittedBytes(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc
      .constantFrom(
        "P",
        "PO",
        "POR",
        "PORT",
        "E",
        "EP",
        "EPR",
        "EPRT",
        "2",
        "22",
        "227",
        "229",
        "p",
        "ep",
      )
      .map(asciiBytes),
    fc
      .constantFrom("NOOP\r\n", "PORT 192,0,2,1,4,1\r\n", "227 (192,0,2,1,4,1)\r\n")
      .map(asciiBytes),
    fc.uint8Array({ maxLength: 16 }),
  );
}

/** Only keyword prefixes: retransmissions that can never open a pinhole themselves. */
export function retransmittedKeywordPrefix(): fc.Arbitrary<Uint8Array> {
  return fc.constantFrom("P", "PO", "EP", "EPR", "2", "22", "227", "229").map(asciiBytes);
}
