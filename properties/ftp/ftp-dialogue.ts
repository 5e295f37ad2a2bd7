// An FTP control conversation: the banner and a first command (never parsed by the kernel,
// which only looks at segments right after an earlier newline), then commands and replies
// among which PORT/EPRT/227/229, well-formed or damaged.

import fc from "fast-check";
import type { LineTemplate } from "../core/dialogue-flow.ts";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import { clientChatter, serverBanner, serverChatter } from "./chatter.ts";
import { eprtCommand } from "./eprt-command.ts";
import { epsvReply } from "./epsv-reply.ts";
import { damaged, lineDamage } from "./malformed.ts";
import { pasvReply } from "./pasv-reply.ts";
import { portCommand } from "./port-command.ts";

const one = (line: fc.Arbitrary<LineTemplate>) => line.map((l) => [l]);

/** A PORT/EPRT command or a 227/229 reply. */
export function ftpDataLine(): fc.Arbitrary<LineTemplate[]> {
  return fc.oneof(one(portCommand()), one(eprtCommand()), pasvReply(), epsvReply());
}

/** The same lines with the last one damaged (for a multi-line reply, its final line). */
function damagedLast(lines: fc.Arbitrary<LineTemplate[]>): fc.Arbitrary<LineTemplate[]> {
  return fc.tuple(lines, lineDamage()).map(([all, damage]) => {
    const last = all[all.length - 1];
    return [
      ...all.slice(0, -1),
      { dir: last.dir, render: (flow: FlowSkeleton) => damage(last.render(flow)) },
    ];
  });
}

function damagedDataLine(): fc.Arbitrary<LineTemplate[]> {
  return fc.oneof(
    one(damaged(portCommand())),
    one(damaged(eprtCommand())),
    damagedLast(pasvReply()),
    damagedLast(epsvReply()),
  );
}

export function ftpDialogueLine(): fc.Arbitrary<LineTemplate[]> {
  return fc.oneof(
    { weight: 6, arbitrary: ftpDataLine() },
    { weight: 2, arbitrary: damagedDataLine() },
    { weight: 3, arbitrary: one(clientChatter()) },
    { weight: 3, arbitrary: one(serverChatter()) },
    {
      weight: 1,
      arbitrary: one(
        fc.uint8Array({ maxLength: 24 }).map((b) => ({ dir: "orig" as const, render: () => b })),
      ),
    },
  );
}

export function ftpDialogue(
  line: fc.Arbitrary<LineTemplate[]> = ftpDialogueLine(),
): fc.Arbitrary<LineTemplate[]> {
  return fc
    .tuple(
      fc.option(serverBanner(), { freq: 10, nil: [] as LineTemplate[] }),
      fc.option(clientChatter(), { freq: 10, nil: null }),
      fc.array(line, { maxLength: 8 }),
    )
    .map(([banner, first, rest]) => [...banner, ...(first ? [first] : []), ...rest.flat()]);
}
