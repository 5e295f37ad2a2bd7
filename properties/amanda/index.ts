// The Amanda property kit: Amanda-shaped flows, the universal properties for a UDP helper,
// and the Amanda-specific ones.

import type { PropertyKit } from "../core/property.ts";
import { universalProperties } from "../core/universal/index.ts";
import { amandaConfig } from "./amanda-config.ts";
import { AMANDA_HELPER, amandaFlow } from "./amanda-flow.ts";
import { natRewriteOnlyTokenDigits } from "./nat-rewrite-only-token-digits.ts";
import { origNeverExpects } from "./orig-never-expects.ts";

const flows = amandaFlow();

export const amandaProperties = [
  ...universalProperties({
    flows,
    helper: AMANDA_HELPER,
    skeleton: { config: amandaConfig() },
  }),
  origNeverExpects(flows),
  natRewriteOnlyTokenDigits(amandaFlow({ nat: true })),
];

export const amandaKit: PropertyKit = { helper: "amanda", flows, properties: amandaProperties };
