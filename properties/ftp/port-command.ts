import fc from "fast-check";
import { asciiBytes, type LineTemplate } from "../core/dialogue-flow.ts";
import { type AddressRef, addressRef, resolveAddress } from "./address-ref.ts";
import { commandKeyword } from "./keyword.ts";
import { dataPort, type NumberSpelling } from "./number-spelling.ts";
import { sixTupleSpellings, sixTupleText } from "./six-tuple.ts";

/** "PORT h1,h2,h3,h4,p1,p2\r\n" from the client, naming `ref` (mostly the client itself). */
export function portCommand(
  ref: fc.Arbitrary<AddressRef> = addressRef(),
  spellings: fc.Arbitrary<NumberSpelling[]> = sixTupleSpellings(),
): fc.Arbitrary<LineTemplate> {
  return fc
    .tuple(commandKeyword("PORT"), ref, dataPort(), spellings)
    .map(([keyword, named, port, spellings]) => ({
      dir: "orig" as const,
      render: (flow) =>
        asciiBytes(
          `${keyword} ${sixTupleText(resolveAddress(named, "orig", flow, 4), port, spellings)}\r\n`,
        ),
    }));
}
