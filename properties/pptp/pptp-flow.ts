import fc from "fast-check";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { dialogueFlow, type LineTemplate } from "../core/dialogue-flow.ts";
import { flowSkeleton } from "../core/flow-skeleton.ts";
import { pptpDialogue } from "./pptp-dialogue.ts";
import { anyMessage, oddMessage } from "./pptp-messages.ts";

/** The PPTP helper's static facts a flow needs (what helpers/pptp registers). */
export const PPTP_HELPER: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families"> = {
  name: "pptp",
  l4: "tcp",
  defaultPort: 1723,
  families: [4],
};

export interface PptpFlowOptions {
  dialogue?: fc.Arbitrary<LineTemplate[]>;
  /** See SkeletonOptions.nat. */
  nat?: boolean;
}

/** PPTP control connections on TCP 1723, IPv4 only, with and without source NAT. Messages
 * are cut (a message split in two is not read), pipelined (only the first of a segment
 * is), retransmitted as themselves or as other messages at the same seq. */
export function pptpFlow(options: PptpFlowOptions = {}): fc.Arbitrary<Flow> {
  return dialogueFlow(
    flowSkeleton(PPTP_HELPER, { nat: options.nat }),
    options.dialogue ?? pptpDialogue(),
    fc.oneof(anyMessage(), oddMessage()),
  );
}
