import fc from "fast-check";
import { asciiBytes, type LineTemplate } from "../core/dialogue-flow.ts";
import { eprtDelimiter } from "./eprt-command.ts";
import { dataPort, numberSpelling } from "./number-spelling.ts";

/** %d = the delimiter, %p = the port. */
export const EPSV_SPELLINGS: string[][] = [
  ["229 Entering Extended Passive Mode (%d%d%d%p%d)\r\n"], // vsftpd, ProFTPD, pure-ftpd
  ["229 Entering Extended Passive Mode (%d%d%d%p%d).\r\n"], // IIS
  ["229 EPSV ok (%d%d%d%p%d)\r\n"],
  ["229-Entering Extended Passive Mode\r\n", "229 (%d%d%d%p%d)\r\n"],
  ["229 Entering Extended Passive Mode (%d%d%p%d)\r\n"], // a delimiter short
  ["229 Entering Extended Passive Mode\r\n"], // no '('
  ["229 Extended Passive Mode (%d%d%d%p)\r\n"], // no closing delimiter
];

/** 229 replies; they carry no address, so every well-formed one names the server. */
export function epsvReply(): fc.Arbitrary<LineTemplate[]> {
  return fc
    .tuple(
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...EPSV_SPELLINGS.slice(0, 4)) },
        { weight: 2, arbitrary: fc.constantFrom(...EPSV_SPELLINGS.slice(4)) },
      ),
      eprtDelimiter(),
      dataPort(),
      numberSpelling(65536),
    )
    .map(([lines, d, port, spelling]) =>
      lines.map((line) => ({
        dir: "reply" as const,
        render: () => asciiBytes(line.replaceAll("%d", d).replace("%p", spelling(port))),
      })),
    );
}
