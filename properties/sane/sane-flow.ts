import fc from "fast-check";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { dialogueFlow, type LineTemplate } from "../core/dialogue-flow.ts";
import { flowSkeleton } from "../core/flow-skeleton.ts";
import { saneConfig } from "./sane-config.ts";
import { saneDialogue } from "./sane-dialogue.ts";
import { saneOddMessage } from "./sane-odd-message.ts";
import { saneReply } from "./sane-reply.ts";
import { saneRequest } from "./sane-request.ts";

/** The SANE helper's static facts a flow needs (what helpers/sane registers). */
export const SANE_HELPER: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families"> = {
  name: "sane",
  l4: "tcp",
  defaultPort: 6566,
  families: [4, 6],
};

export interface SaneFlowOptions {
  dialogue?: fc.Arbitrary<LineTemplate[]>;
  /** See SkeletonOptions.nat. */
  nat?: boolean;
}

/** SANE control connections, IPv4 and IPv6, with and without source NAT. Messages are cut
 * and pipelined (a START split in two or sent with the next request is not 8 bytes), and
 * retransmitted as themselves or as other messages at the same seq. */
export function saneFlow(options: SaneFlowOptions = {}): fc.Arbitrary<Flow> {
  return dialogueFlow(
    flowSkeleton(SANE_HELPER, { config: saneConfig(), nat: options.nat }),
    options.dialogue ?? saneDialogue(),
    fc.oneof(saneRequest(), saneReply(), saneOddMessage()),
  );
}
