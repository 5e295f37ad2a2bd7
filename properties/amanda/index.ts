// The Amanda property kit: Amanda-shaped flows, the universal properties for a UDP helper,
// and the Amanda-specific ones.

import { datagramUniversalProperties } from "../core/datagram-properties.ts";
import { withExpectedL4 } from "../core/expected-l4.ts";
import type { PropertyKit } from "../core/property.ts";
import { amandaConfig } from "./amanda-config.ts";
import { AMANDA_HELPER, amandaFlow } from "./amanda-flow.ts";
import { natRewriteOnlyTokenDigits } from "./nat-rewrite-only-token-digits.ts";
import { origNeverExpects } from "./orig-never-expects.ts";

const flows = amandaFlow();

export const amandaProperties = [
  // The data, message, index and state streams amandad announces are TCP.
  ...datagramUniversalProperties({
    flows,
    helper: AMANDA_HELPER,
    skeleton: { config: amandaConfig() },
  }).map((p) => (p.name === "well-formed-outcome" ? withExpectedL4(p, "tcp") : p)),
  origNeverExpects(flows),
  natRewriteOnlyTokenDigits(amandaFlow({ nat: true })),
];

export const amandaKit: PropertyKit = { helper: "amanda", flows, properties: amandaProperties };
