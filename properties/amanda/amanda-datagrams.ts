// An Amanda exchange on the control tuple: the backup server's REQ/ACK (sometimes carrying
// a CONNECT line, which the helper must ignore in that direction) and amandad's PREP, REP
// with or without CONNECT lines (some shaped for the NAT rewrite's stale region end), ACK
// and noise.

import fc from "fast-check";
import type { Dir } from "../../helpers/core/model.ts";
import { fixedLine, type LineTemplate } from "../core/dialogue-flow.ts";
import { amandaHeader, amandaRequestBody, OPTIONS_LINE, plainReplyBody } from "./amanda-packet.ts";
import { connectLine } from "./connect-line.ts";
import { staleRegionReply } from "./stale-region-reply.ts";

function line(dir: Dir, text: fc.Arbitrary<string>): fc.Arbitrary<LineTemplate> {
  return text.map((t) => fixedLine(dir, t));
}

/** amandad's REP with a CONNECT line: the real layout, or the line alone. */
export function connectReply(): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .tuple(amandaHeader("REP"), connectLine(), fc.boolean())
      .map(([header, connect, options]) => `${header}${connect}${options ? OPTIONS_LINE : ""}`),
    connectLine(),
  );
}

export function backupServerDatagram(
  body: fc.Arbitrary<string> = amandaRequestBody(),
): fc.Arbitrary<LineTemplate> {
  return fc.oneof(
    line(
      "orig",
      fc.tuple(amandaHeader("REQ"), body).map(([h, b]) => h + b),
    ),
    line("orig", amandaHeader("ACK")),
  );
}

export function amandaDatagram(): fc.Arbitrary<LineTemplate> {
  return fc.oneof(
    { weight: 5, arbitrary: line("reply", connectReply()) },
    { weight: 2, arbitrary: line("reply", staleRegionReply()) },
    { weight: 2, arbitrary: backupServerDatagram() },
    { weight: 1, arbitrary: backupServerDatagram(connectReply()) },
    {
      weight: 2,
      arbitrary: line(
        "reply",
        fc.oneof(
          amandaHeader("PREP"),
          amandaHeader("ACK"),
          fc.tuple(amandaHeader("REP"), plainReplyBody()).map(([h, b]) => h + b),
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom<Dir>("orig", "reply"), fc.uint8Array({ maxLength: 24 }))
        .map(([dir, bytes]) => fixedLine(dir, bytes)),
    },
  );
}

export function amandaDatagrams(
  datagram: fc.Arbitrary<LineTemplate> = amandaDatagram(),
): fc.Arbitrary<LineTemplate[]> {
  return fc.array(datagram, { maxLength: 6 });
}
