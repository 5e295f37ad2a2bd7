// The talk property kit: talk-shaped flows, the universal properties for a UDP helper
// with a NAT half, and talk's own security properties.

import type { PropertyKit } from "../core/property.ts";
import { universalProperties } from "../core/universal/index.ts";
import { expectationFromOwnAnswer } from "./expectation-from-own-answer.ts";
import { expectationTargetsNamedAddress, lookupFlow } from "./expectation-targets-named-address.ts";
import { natRewritesOwnAddress } from "./nat-rewrites-own-address.ts";
import { talkConfig } from "./talk-config.ts";
import { TALK_HELPER, talkFlow } from "./talk-flow.ts";

const flows = talkFlow();

export const talkProperties = [
  ...universalProperties({
    flows,
    helper: TALK_HELPER,
    skeleton: { config: talkConfig() },
    // ip_conntrack_talk: a LOOK_UP pinhole goes to `addr->ta_addr`, whatever it names;
    // expectation-targets-named-address holds it to exactly that address.
    payloadNamesDestination: lookupFlow,
  }),
  expectationFromOwnAnswer(flows),
  expectationTargetsNamedAddress(flows),
  natRewritesOwnAddress(flows),
];

export const talkKit: PropertyKit = { helper: "talk", flows, properties: talkProperties };
