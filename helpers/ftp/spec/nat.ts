// nf_nat_ftp's replacement text (kernel-helpers.md §2.7); spec-core/splice-text.ts puts it
// in place of the parsed argument.

import { formatIPv4, formatIPv6Full } from "../../core/address.ts";
import type { CommandType } from "./commands.ts";

/**
 * §2.7: `newAddress` is the 16-byte tuple[!dir].dst.
 * - PORT/227: "a,b,c,d,p1,p2" from the first 4 bytes (also on IPv6 connections);
 * - EPRT: "|1|dotted|port|" or "|2|full uncompressed IPv6 (%pI6)|port|";
 * - 229: "|||port|".
 * The delimiter is always '|', whatever the peer used.
 */
export function replacementText(
  type: CommandType,
  family: 4 | 6,
  newAddress: Uint8Array,
  port: number,
): string {
  switch (type) {
    case "PORT":
    case "227":
      return [
        newAddress[0],
        newAddress[1],
        newAddress[2],
        newAddress[3],
        port >> 8,
        port & 0xff,
      ].join(",");
    case "EPRT":
      return family === 4
        ? `|1|${formatIPv4(newAddress)}|${port}|`
        : `|2|${formatIPv6Full(newAddress)}|${port}|`;
    case "229":
      return `|||${port}|`;
  }
}
