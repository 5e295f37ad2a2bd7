// The SIP property kit: SIP-shaped flows over UDP and TCP, the universal properties (both
// transports), and SIP's own: pinholes only as the config allows, the class limits, NAT
// rewriting only the connection's endpoints with Content-Length kept right, nothing from
// a message that does not start its segment, nothing from a third-party REGISTER.

import fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import type { PropertyKit } from "../core/property.ts";
import { universalProperties } from "../core/universal/index.ts";
import { pinholeOnlyToEndpoints } from "../core/universal/pinhole-only-to-endpoints.ts";
import { contentLengthAfterNat } from "./content-length-after-nat.ts";
import { externalMediaRespectsDevice } from "./external-media-respects-device.ts";
import { mediaPinholesFollowConfig } from "./media-pinholes-follow-config.ts";
import { midSegmentFlow } from "./mid-segment-flow.ts";
import { midSegmentNeverExpects } from "./mid-segment-never-expects.ts";
import { natRewritesOwnEndpoints } from "./nat-rewrites-own-endpoints.ts";
import { signallingLiveAtMostOne } from "./signalling-live-at-most-one.ts";
import { sipConfig } from "./sip-config.ts";
import { sipFlow } from "./sip-flow.ts";
import { SIP_HELPER } from "./sip-helper.ts";
import { whereSeqadjIsRecorded } from "./sip-sequence-adjustment.ts";
import { slipstreamFlow } from "./slipstream-flow.ts";
import { thirdPartyRegisterFlow } from "./third-party-register-flow.ts";
import { thirdPartyRegisterNeverExpects } from "./third-party-register-never-expects.ts";

const flows = fc.oneof(
  { weight: 8, arbitrary: sipFlow() },
  { weight: 1, arbitrary: slipstreamFlow() },
);

/** sip_direct_media=0 is the config that opens media pinholes to any SDP address (a media
 * relay elsewhere): the universal endpoint rule holds only with direct media. */
const directMedia = (flow: Flow) => flow.config?.directMedia !== false;

export const sipProperties = [
  ...universalProperties({ flows, helper: SIP_HELPER, skeleton: { config: sipConfig() } }).map(
    (p) =>
      p.name === "pinhole-only-to-endpoints"
        ? pinholeOnlyToEndpoints(flows.filter(directMedia))
        : p.name === "sequence-adjustment-consistent"
          ? whereSeqadjIsRecorded(p)
          : p,
  ),
  mediaPinholesFollowConfig(flows),
  externalMediaRespectsDevice(flows),
  signallingLiveAtMostOne(flows),
  natRewritesOwnEndpoints(flows),
  contentLengthAfterNat(flows),
  midSegmentNeverExpects(midSegmentFlow()),
  thirdPartyRegisterNeverExpects(thirdPartyRegisterFlow()),
];

export const sipKit: PropertyKit = { helper: "sip", flows, properties: sipProperties };
