import { describePlantedBugs } from "../core/planted-bug-suite.ts";
import { pptpProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

describePlantedBugs({
  helper: "pptp",
  label: "PPTP",
  properties: pptpProperties,
  // nf_nat_pptp rewrites a 2-byte call id with 2 bytes: nothing to adjust, no framing
  // byte; the rewrite and sequence-adjustment bugs are planted as for SANE.
  natRewrites: false,
  findWithin: 5000,
  holdsFor: 300,
  maxSegments: 6,
  plantedBugs: [
    ["differential", () => bugs.ignoresPeerCallId, "differs from spec"],
    ["gre-pinhole-only-after-connected", () => bugs.ignoresResultCode, "is not Connected"],
    ["no-pinhole-out-of-state", () => bugs.skipsSessionCheck, "not established"],
    ["nat-call-id-consistent", () => bugs.inboundRewriteUsesNatId, "is restored to"],
  ],
});
