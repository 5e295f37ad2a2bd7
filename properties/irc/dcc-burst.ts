// A client offering many files in a row, each on its own port: more DCCs than the default
// max_dcc_channels (8), so eviction of the oldest is exercised.

import fc from "fast-check";
import { asciiBytes, type LineTemplate } from "../core/dialogue-flow.ts";
import { dccAddressText } from "./dcc-address.ts";

export function dccBurst(): fc.Arbitrary<LineTemplate[]> {
  return fc
    .tuple(fc.integer({ min: 9, max: 12 }), fc.integer({ min: 1024, max: 60000 }))
    .map(([count, firstPort]) =>
      Array.from({ length: count }, (_, i) => ({
        dir: "orig" as const,
        render: (flow) =>
          asciiBytes(
            `PRIVMSG bob :\x01DCC SEND part${i}.bin ${dccAddressText({ kind: "client" }, flow)} ${firstPort + i} 1048576\x01\r\n`,
          ),
      })),
    );
}
