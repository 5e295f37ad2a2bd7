// The SIP helper's options (kernel-helpers.md §6.1; names and defaults: docs/sip.md, config options). Only
// tool input can be wrong here: FlowError naming the key.

import { addressFamily, canonicalAddress } from "../../core/address.ts";
import { FlowError } from "../../core/model.ts";
import { readConfig } from "../../spec-core/config-values.ts";

export interface SipConfig {
  /** sip_direct_media: media only between the signalling endpoints. */
  directMedia: boolean;
  /** sip_direct_signalling: REGISTER pinholes only from the registrar. */
  directSignalling: boolean;
  /** sip_external_media (used only when directMedia is off). */
  externalMedia: boolean;
  /** The route fact sip_external_media needs: media addresses reached through the
   * packet's own output device (canonical text). */
  sameDeviceMedia: string[];
  /** The 2026-03 fix: Content-Length kept whole and ≤ the remaining segment. */
  contentLengthWithinSegment: boolean;
  /** The 2026-04 fix: sip_parse_port (≤ 5 digits, not at the buffer end, 1024–65535). */
  strictPorts: boolean;
  /** The 2026-04 fix: sip_strtouint everywhere (> UINT_MAX fails), numeric parameters
   * base 10, NAT rport= only in 1024–65535. */
  base10Parameters: boolean;
  /** The 2026-03 fix "nf_conntrack_sip: fix use of uninitialized rtp_addr in process_sdp":
   * rtp_addr starts as the session c= address and o=/c= are rewritten only when some
   * address was found (have_rtp_addr). */
  sessionAddressGuard: boolean;
}

function flag(key: string) {
  return (value: unknown): boolean => {
    if (typeof value !== "boolean") throw new FlowError(`sip: config.${key} must be a boolean`);
    return value;
  };
}

function addresses(value: unknown): string[] {
  if (
    !Array.isArray(value) ||
    !value.every((item) => typeof item === "string" && addressFamily(item) !== null)
  ) {
    throw new FlowError("sip: config.sameDeviceMedia must be a list of IP addresses");
  }
  return value.map((item) => canonicalAddress(item));
}

interface RawSipConfig {
  directMedia: boolean;
  directSignalling: boolean;
  externalMedia: boolean;
  sameDeviceMedia: string[];
  strictParsing: boolean;
}

/** Default of strictParsing: what Linux 6.18.44 does — all three 2026 fixes, measured
 * (docs/sip.md, "What 6.18.44 does that surprised us"). */
export const STRICT_PARSING_DEFAULT = true;

export function parseSipConfig(raw: Record<string, unknown> | undefined): SipConfig {
  const read = readConfig<RawSipConfig>(
    "sip",
    raw,
    {
      directMedia: true,
      directSignalling: true,
      externalMedia: false,
      sameDeviceMedia: [],
      strictParsing: STRICT_PARSING_DEFAULT,
    },
    {
      directMedia: flag("directMedia"),
      directSignalling: flag("directSignalling"),
      externalMedia: flag("externalMedia"),
      sameDeviceMedia: addresses,
      strictParsing: flag("strictParsing"),
    },
  );
  return {
    directMedia: read.directMedia,
    directSignalling: read.directSignalling,
    externalMedia: read.externalMedia,
    sameDeviceMedia: read.sameDeviceMedia,
    contentLengthWithinSegment: read.strictParsing,
    strictPorts: read.strictParsing,
    base10Parameters: read.strictParsing,
    sessionAddressGuard: read.strictParsing,
  };
}
