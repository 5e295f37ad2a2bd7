// The SANE property kit: SANE-shaped flows, the universal properties for a TCP helper
// without NAT half, and the SANE-specific ones.

import type { PropertyKit } from "../core/property.ts";
import { universalProperties } from "../core/universal/index.ts";
import { expectationAnswersStart } from "./expectation-answers-start.ts";
import { expectationFromSuccessfulReply } from "./expectation-from-successful-reply.ts";
import { expectationTargetsServer } from "./expectation-targets-server.ts";
import { forwardedUnchanged } from "./forwarded-unchanged.ts";
import { saneConfig } from "./sane-config.ts";
import { SANE_HELPER, saneFlow } from "./sane-flow.ts";

const flows = saneFlow();

export const saneProperties = [
  ...universalProperties({
    flows,
    helper: SANE_HELPER,
    skeleton: { config: saneConfig() },
  }),
  expectationTargetsServer(flows),
  expectationFromSuccessfulReply(flows),
  expectationAnswersStart(flows),
  forwardedUnchanged(flows),
];

export const saneKit: PropertyKit = { helper: "sane", flows, properties: saneProperties };
