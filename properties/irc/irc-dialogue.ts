// An IRC client session: registration, then chatter in both directions among DCC requests
// (well-formed, forged, edge-case numbers, broken endings, past the 4095-byte window), the
// 2022 attack shapes, and the server relaying DCCs of others.

import fc from "fast-check";
import type { LineTemplate } from "../core/dialogue-flow.ts";
import { attackLine, serverDccLine } from "./attack-line.ts";
import { clientChatter, login, serverChatter } from "./chatter.ts";
import { dccBurst } from "./dcc-burst.ts";
import { dccLine } from "./dcc-line.ts";
import { longDccLine } from "./long-line.ts";

const one = (line: fc.Arbitrary<LineTemplate>) => line.map((l) => [l]);

export function ircDialogueLine(): fc.Arbitrary<LineTemplate[]> {
  return fc.oneof(
    { weight: 8, arbitrary: one(dccLine()) },
    { weight: 2, arbitrary: one(attackLine()) },
    { weight: 1, arbitrary: one(serverDccLine()) },
    { weight: 1, arbitrary: one(longDccLine()) },
    { weight: 3, arbitrary: one(clientChatter()) },
    { weight: 3, arbitrary: one(serverChatter()) },
    {
      weight: 1,
      arbitrary: one(
        fc.uint8Array({ maxLength: 32 }).map((b) => ({ dir: "orig" as const, render: () => b })),
      ),
    },
  );
}

/** Registration (usually), up to 8 dialogue lines, and on the general dialogue now and then
 * a burst of more DCCs than max_dcc_channels. */
export function ircDialogue(line?: fc.Arbitrary<LineTemplate[]>): fc.Arbitrary<LineTemplate[]> {
  const burst =
    line === undefined
      ? fc.oneof(
          { weight: 11, arbitrary: fc.constant([] as LineTemplate[]) },
          { weight: 1, arbitrary: dccBurst() },
        )
      : fc.constant([] as LineTemplate[]);
  return fc
    .tuple(
      fc.option(login(), { freq: 6, nil: [] as LineTemplate[] }),
      fc.array(line ?? ircDialogueLine(), { maxLength: 8 }),
      burst,
    )
    .map(([start, rest, burst]) => [...start, ...rest.flat(), ...burst]);
}
