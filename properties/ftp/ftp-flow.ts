import type fc from "fast-check";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { dialogueFlow, type LineTemplate } from "../core/dialogue-flow.ts";
import { flowSkeleton } from "../core/flow-skeleton.ts";
import { ftpConfig } from "./ftp-config.ts";
import { ftpDialogue } from "./ftp-dialogue.ts";
import { retransmittedBytes } from "./retransmitted-bytes.ts";

/** The FTP helper's static facts a flow needs (what helpers/ftp registers). */
export const FTP_HELPER: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families"> = {
  name: "ftp",
  l4: "tcp",
  defaultPort: 21,
  families: [4, 6],
};

export interface FtpFlowOptions {
  dialogue?: fc.Arbitrary<LineTemplate[]>;
  config?: fc.Arbitrary<Record<string, unknown> | undefined>;
  /** See SkeletonOptions.nat. */
  nat?: boolean;
  /** What retransmissions may carry instead of the original bytes. */
  retransmitted?: fc.Arbitrary<Uint8Array>;
}

/** FTP control connections, IPv4 and IPv6, with and without NAT and loose. */
export function ftpFlow(options: FtpFlowOptions = {}): fc.Arbitrary<Flow> {
  return dialogueFlow(
    flowSkeleton(FTP_HELPER, { config: options.config ?? ftpConfig(), nat: options.nat }),
    options.dialogue ?? ftpDialogue(),
    options.retransmitted ?? retransmittedBytes(),
  );
}
