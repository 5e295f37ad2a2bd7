// The netbios-ns options (kernel-helpers.md §8): the module parameter timeout=, and the
// facts nf_conntrack_broadcast_help reads from the skb (helpers/spec-core/broadcast.ts).
// Only tool input can be wrong here: FlowError.

import { FlowError } from "../../core/model.ts";
import {
  type BroadcastFacts,
  broadcastFactReaders,
  NO_BROADCAST_FACTS,
} from "../../spec-core/broadcast.ts";
import { isIntegerIn, readConfig, UINT_MAX } from "../../spec-core/config-values.ts";

export type { InIfaddr } from "../../spec-core/broadcast.ts";

export interface NetbiosNsConfig extends BroadcastFacts {
  /** §8 timeout= (uint, default 3): expectation timeout and master refresh. */
  timeout: number;
}

export function parseNetbiosNsConfig(raw: Record<string, unknown> | undefined): NetbiosNsConfig {
  return readConfig<NetbiosNsConfig>(
    "netbios-ns",
    raw,
    { timeout: 3, ...NO_BROADCAST_FACTS, device: [] },
    {
      timeout: (value) => {
        if (isIntegerIn(value, 0, UINT_MAX)) return value;
        throw new FlowError(`netbios-ns: timeout must be 0..${UINT_MAX}`);
      },
      ...broadcastFactReaders("netbios-ns"),
    },
  );
}
