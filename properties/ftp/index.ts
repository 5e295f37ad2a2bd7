// The FTP property kit: FTP-shaped flows, the universal properties over them, and the
// FTP-specific ones.

import { neverExpects } from "../core/never-expects.ts";
import type { PropertyKit } from "../core/property.ts";
import { universalProperties } from "../core/universal/index.ts";
import { ftpConfig } from "./ftp-config.ts";
import { FTP_HELPER, ftpFlow } from "./ftp-flow.ts";
import { natRewriteParsesBack } from "./nat-rewrite-parses-back.ts";
import { bounceFlows, eprtFamilyMismatchFlows } from "./security-flows.ts";
import { unparsedPositionFlows } from "./unparsed-position-flows.ts";

const CR = 0x0d;
const LF = 0x0a;

const flows = ftpFlow();

export const ftpProperties = [
  ...universalProperties({
    flows,
    helper: FTP_HELPER,
    skeleton: { config: ftpConfig() },
    framingBytes: [CR, LF],
  }),
  natRewriteParsesBack(ftpFlow({ nat: true })),
  neverExpects(
    "eprt-family-mismatch-never-expects",
    "An EPRT naming the other address family than the control connection (|2| on IPv4, |1| on IPv6) never creates an expectation, loose or not.",
    eprtFamilyMismatchFlows(),
  ),
  neverExpects(
    "no-bounce-without-loose",
    "Without loose, a PORT/EPRT/227 naming a host other than its sender never creates an expectation.",
    bounceFlows(),
  ),
  neverExpects(
    "unparsed-position-never-expects",
    "A line that does not start a segment at a tracked after-newline position never creates an expectation.",
    unparsedPositionFlows(),
  ),
];

export const ftpKit: PropertyKit = { helper: "ftp", flows, properties: ftpProperties };
