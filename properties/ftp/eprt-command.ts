import fc from "fast-check";
import { addressBytes, formatIPv6Full } from "../../helpers/core/address.ts";
import type { Family } from "../../helpers/core/helper.ts";
import { asciiBytes, type LineTemplate } from "../core/dialogue-flow.ts";
import { type AddressRef, addressRef, resolveAddress } from "./address-ref.ts";
import { commandKeyword } from "./keyword.ts";
import { dataPort, type NumberSpelling, numberSpelling } from "./number-spelling.ts";

/** RFC 2428 delimiters: '|' in practice; any printable non-digit is allowed, and '.' or
 * ':' collide with the address text. */
export function eprtDelimiter(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant("|") },
    { weight: 2, arbitrary: fc.constantFrom("!", "#", "$", "%", "^", "*", "a", "P", "~", "(") },
    { weight: 1, arbitrary: fc.constantFrom(".", ":", ",", " ", "1") },
  );
}

export type IPv6Spelling = "compressed" | "full" | "upper";

export function ipv6Text(address: string, spelling: IPv6Spelling): string {
  if (spelling === "compressed") return address;
  const full = formatIPv6Full(addressBytes(address));
  return spelling === "full" ? full : full.toUpperCase();
}

/** "match" = the control connection's own family (what a sane client sends); "other" =
 * the other one (which the kernel drops). */
export type EprtFamily = "match" | "other" | Family;

export interface EprtOptions {
  ref?: fc.Arbitrary<AddressRef>;
  family?: fc.Arbitrary<EprtFamily>;
  /** How the port is written; absent = mostly plain, sometimes an edge case. */
  portSpelling?: fc.Arbitrary<NumberSpelling>;
}

export function eprtCommand(options: EprtOptions = {}): fc.Arbitrary<LineTemplate> {
  const family =
    options.family ??
    fc.oneof(
      { weight: 8, arbitrary: fc.constant<EprtFamily>("match") },
      { weight: 1, arbitrary: fc.constantFrom<EprtFamily>(4, 6) },
    );
  return fc
    .record({
      keyword: commandKeyword("EPRT"),
      delimiter: eprtDelimiter(),
      family,
      named: options.ref ?? addressRef(),
      spelling: fc.constantFrom<IPv6Spelling>("compressed", "full", "upper"),
      port: dataPort(),
      portSpelling: options.portSpelling ?? numberSpelling(65536),
    })
    .map(({ keyword, delimiter: d, family: af, named, spelling, port, portSpelling }) => ({
      dir: "orig" as const,
      render: (flow) => {
        const other = flow.family === 4 ? 6 : 4;
        const chosen = af === "match" ? flow.family : af === "other" ? other : af;
        const address = resolveAddress(named, "orig", flow, chosen);
        const text = chosen === 4 ? address : ipv6Text(address, spelling);
        return asciiBytes(
          `${keyword} ${d}${chosen === 4 ? 1 : 2}${d}${text}${d}${portSpelling(port)}${d}\r\n`,
        );
      },
    }));
}
