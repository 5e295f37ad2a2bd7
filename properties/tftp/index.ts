// The TFTP property kit: TFTP-shaped flows, the universal properties for a UDP helper, and
// the TFTP-specific one.

import type { PropertyKit } from "../core/property.ts";
import { universalProperties } from "../core/universal/index.ts";
import { expectationTargetsClient } from "./expectation-targets-client.ts";
import { oneExpectationPerRequest } from "./one-expectation-per-request.ts";
import { tftpConfig } from "./tftp-config.ts";
import { TFTP_HELPER, tftpFlow } from "./tftp-flow.ts";

const flows = tftpFlow();

export const tftpProperties = [
  ...universalProperties({
    flows,
    helper: TFTP_HELPER,
    skeleton: { config: tftpConfig() },
  }),
  expectationTargetsClient(flows),
  oneExpectationPerRequest(flows),
];

export const tftpKit: PropertyKit = { helper: "tftp", flows, properties: tftpProperties };
