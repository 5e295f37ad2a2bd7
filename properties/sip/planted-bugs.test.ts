import { keepsEveryExpectation } from "../core/generic-mutants.ts";
import { builtinTarget } from "../core/in-process.ts";
import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { sipProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "sip",
  label: "SIP",
  properties: sipProperties,
  findWithin: 5000,
  holdsFor: 300,
  maxSegments: 6,
  plantedBugs: [
    ["differential", () => bugs.wildcardsMediaSource(builtinTarget), "differs from spec"],
    [
      "media-pinholes-follow-config",
      () => bugs.wildcardsMediaSource(builtinTarget),
      "not between the signalling endpoints",
    ],
    [
      "external-media-respects-device",
      () => bugs.ignoresSameDeviceMedia(builtinTarget),
      "same device",
    ],
    [
      "external-media-respects-device",
      () => bugs.wildcardsMediaSource(builtinTarget),
      "wildcard source",
    ],
    ["signalling-live-at-most-one", () => keepsEveryExpectation(builtinTarget), "signalling and"],
    [
      "nat-rewrites-own-endpoints",
      () => bugs.rewritesThirdParty(builtinTarget),
      "was rewritten to",
    ],
    [
      "content-length-after-nat",
      () => bugs.keepsContentLength(builtinTarget),
      "after NAT Content-Length",
    ],
    [
      "mid-segment-never-expects",
      () => bugs.readsMidSegment(builtinTarget),
      "no segment starts with a SIP message",
    ],
    [
      "third-party-register-never-expects",
      () => bugs.acceptsThirdPartyRegister(builtinTarget),
      "third parties only",
    ],
  ],
});
