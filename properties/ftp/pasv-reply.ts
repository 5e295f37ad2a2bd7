// 227 replies as real servers spell them. The kernel finds the first digit after "227 ",
// so the text around the six numbers matters.

import fc from "fast-check";
import { asciiBytes, type LineTemplate } from "../core/dialogue-flow.ts";
import { type AddressRef, addressRef, resolveAddress } from "./address-ref.ts";
import { dataPort, type NumberSpelling } from "./number-spelling.ts";
import { sixTupleSpellings, sixTupleText } from "./six-tuple.ts";

/** Each spelling: the reply's lines, with %s standing for the six numbers. */
export const PASV_SPELLINGS: string[][] = [
  ["227 Entering Passive Mode (%s).\r\n"], // vsftpd, ProFTPD, IIS
  ["227 Entering Passive Mode (%s)\r\n"], // pure-ftpd, FileZilla Server
  ["227 Entering passive mode (%s)\r\n"],
  ["227 Entering Passive Mode %s\r\n"], // no parentheses
  ["227 Entering Passive Mode %s.\r\n"],
  ["227 =%s\r\n"],
  ["227 %s\r\n"],
  ["227 Passive mode OK (%s)\r\n"],
  ["227-Entering Passive Mode\r\n", "227 (%s)\r\n"], // multi-line: only the last line counts
  ["227-FileZilla Server\r\n", " (%s)\r\n", "227 Entering Passive Mode (%s)\r\n"],
  ["227 Logout.\r\n"], // no numbers at all
  ["227 Mode 2 (%s)\r\n"], // a stray digit before the tuple
];

export function pasvReply(
  ref: fc.Arbitrary<AddressRef> = addressRef(),
  spellings: fc.Arbitrary<NumberSpelling[]> = sixTupleSpellings(),
): fc.Arbitrary<LineTemplate[]> {
  return fc
    .tuple(
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...PASV_SPELLINGS.slice(0, 8)) },
        { weight: 2, arbitrary: fc.constantFrom(...PASV_SPELLINGS.slice(8)) },
      ),
      ref,
      dataPort(),
      spellings,
    )
    .map(([lines, named, port, spellings]) =>
      lines.map((line) => ({
        dir: "reply" as const,
        render: (flow) =>
          asciiBytes(
            line.replace(
              "%s",
              sixTupleText(resolveAddress(named, "reply", flow, 4), port, spellings),
            ),
          ),
      })),
    );
}
