// The SIP helper's options, as a flow names them (the module parameters, plus the route
// fact sip_external_media needs and the 2026 parsing fixes as one switch).

import { addressFamily, canonicalAddress } from "../core/address.ts";
import { configEntries } from "../core/config-options.ts";
import { FlowError } from "../core/model.ts";

export interface SipConfig {
  /** sip_direct_media: media only from the signalling peer, to the sender's own address. */
  directMedia: boolean;
  /** sip_direct_signalling: a REGISTER's incoming calls only from the registrar. */
  directSignalling: boolean;
  /** sip_external_media (only without directMedia): no expectation for media addresses
   * that route out of the device the packet leaves by. */
  externalMedia: boolean;
  /** The media addresses that route out of that same device (canonical text). */
  sameDeviceMedia: string[];
  /** The 2026 fixes (Content-Length ≤ remaining, sip_parse_port, sip_strtouint, rport
   * range): Linux 6.18.44 has all of them (measured, docs/sip.md "Config options and the
   * kernel target"). */
  strictParsing: boolean;
}

const BOOLEAN_KEYS = ["directMedia", "directSignalling", "externalMedia", "strictParsing"] as const;

function addressList(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((a) => typeof a === "string" && addressFamily(a))) {
    throw new FlowError('sip option "sameDeviceMedia" must be a list of IPv4/IPv6 addresses');
  }
  return value.map((a) => canonicalAddress(a));
}

export function parseSipConfig(raw: Record<string, unknown> | undefined): SipConfig {
  const config: SipConfig = {
    directMedia: true,
    directSignalling: true,
    externalMedia: false,
    sameDeviceMedia: [],
    strictParsing: true,
  };
  for (const [key, value] of configEntries("sip", raw)) {
    if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== "boolean") {
        throw new FlowError(`sip option "${key}" must be a boolean, got ${JSON.stringify(value)}`);
      }
      config[key as (typeof BOOLEAN_KEYS)[number]] = value;
    } else if (key === "sameDeviceMedia") {
      config.sameDeviceMedia = addressList(value);
    } else {
      throw new FlowError(`unknown sip option "${key}"`);
    }
  }
  return config;
}
