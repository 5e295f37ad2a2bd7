import type fc from "fast-check";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { dialogueFlow, type LineTemplate } from "../core/dialogue-flow.ts";
import { flowSkeleton } from "../core/flow-skeleton.ts";
import { ircConfig } from "./irc-config.ts";
import { ircDialogue } from "./irc-dialogue.ts";
import { retransmittedBytes } from "./retransmitted-bytes.ts";

/** The IRC helper's static facts a flow needs (what helpers/irc registers). */
export const IRC_HELPER: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families"> = {
  name: "irc",
  l4: "tcp",
  defaultPort: 6667,
  families: [4],
};

export interface IrcFlowOptions {
  dialogue?: fc.Arbitrary<LineTemplate[]>;
  /** See SkeletonOptions.nat. */
  nat?: boolean;
}

/** IRC client connections (IPv4 only, like the kernel helper), with and without NAT. */
export function ircFlow(options: IrcFlowOptions = {}): fc.Arbitrary<Flow> {
  return dialogueFlow(
    flowSkeleton(IRC_HELPER, { config: ircConfig(), nat: options.nat }),
    options.dialogue ?? ircDialogue(),
    retransmittedBytes(),
  );
}
