// Planted bugs in the SIP helper, built around the built-in target's outcome (what the
// fast helper would do with the bug): each breaks one SIP rule. The universal ones come from
// properties/core/generic-mutants.ts.

import { canonicalAddress } from "../../helpers/core/address.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { mutant, withOutcome } from "../core/generic-mutants.ts";
import type { SyncTarget } from "../core/property.ts";
import { segmentText } from "./sip-text.ts";

const text = segmentText;

/** Opens media pinholes from anywhere (as sip_direct_media=0 would), whatever the config. */
export function wildcardsMediaSource(base: SyncTarget): SyncTarget {
  return mutant("wildcards-media-source", (flow) => {
    const o = base.run(flow);
    return withOutcome(
      o,
      o.segments,
      o.expectations.map((e) => (e.l4 === "udp" ? { ...e, src: null } : e)),
    );
  });
}

/** Under NAT also rewrites a third party's address (192.0.2.99) to the NAT address. */
export function rewritesThirdParty(base: SyncTarget): SyncTarget {
  return mutant("rewrites-third-party", (flow) => {
    const o = base.run(flow);
    if (!flow.nat || flow.nat.client.addr.includes(":")) return o;
    const nat = flow.nat.client.addr;
    return withOutcome(
      o,
      o.segments.map((s) =>
        s.verdict === "accept"
          ? { ...s, data: asciiBytes(text(s.data).replaceAll("192.0.2.99", nat)) }
          : s,
      ),
    );
  });
}

/** Rewrites the SDP under NAT but leaves Content-Length as it was. */
export function keepsContentLength(base: SyncTarget): SyncTarget {
  return mutant("keeps-content-length", (flow) => {
    const o = base.run(flow);
    if (!flow.nat) return o;
    return withOutcome(
      o,
      o.segments.map((s, i) => {
        const before = text(flow.segments[i].data).match(
          /\r\n(Content-Length|l)([ \t]*:[ \t]*)(\d+)/i,
        );
        if (s.verdict !== "accept" || !before) return s;
        const out = text(s.data).replace(
          /\r\n(Content-Length|l)([ \t]*:[ \t]*)(\d+)/i,
          `\r\n$1$2${before[3]}`,
        );
        return { ...s, data: asciiBytes(out) };
      }),
    );
  });
}

const MESSAGE_START = /(INVITE|REGISTER|UPDATE|PRACK|ACK|BYE|SIP\/2\.0) /i;

/** Looks for a SIP message anywhere on the segment's first line, not only at its start. */
export function readsMidSegment(base: SyncTarget): SyncTarget {
  return mutant("reads-mid-segment", (flow) => {
    const trimmed: Flow = {
      ...flow,
      segments: flow.segments.map((s) => {
        const t = text(s.data);
        const at = t.search(MESSAGE_START);
        return at > 0 && !t.slice(0, at).includes("\n")
          ? { ...s, data: s.data.subarray(at), seq: undefined }
          : s;
      }),
    };
    const o = base.run(flow);
    return withOutcome(o, o.segments, base.run(trimmed).expectations);
  });
}

/** Skips the third-party check: takes any Contact as the sender's own. */
export function acceptsThirdPartyRegister(base: SyncTarget): SyncTarget {
  return mutant("accepts-third-party-register", (flow) => {
    const own = (dir: string) => (dir === "orig" ? flow.client.addr : flow.server.addr);
    const host = (a: string) => (a.includes(":") ? `[${canonicalAddress(a)}]` : a);
    const rewritten: Flow = {
      ...flow,
      segments: flow.segments.map((s) => ({
        ...s,
        data: asciiBytes(
          text(s.data).replace(
            /(\r\n(?:Contact|m)[ \t]*:[^\r\n]*?sip:[^@\r\n>]*@)(\[[^\]]*\]|[^:;>\r\n]+)/gi,
            `$1${host(own(s.dir))}`,
          ),
        ),
      })),
    };
    const o = base.run(flow);
    return withOutcome(o, o.segments, base.run(rewritten).expectations);
  });
}

/** Ignores sameDeviceMedia: opens media to addresses on the packet's own device. */
export function ignoresSameDeviceMedia(base: SyncTarget): SyncTarget {
  return mutant("ignores-same-device-media", (flow) => {
    const config = flow.config?.sameDeviceMedia
      ? { ...flow.config, sameDeviceMedia: [] }
      : flow.config;
    return base.run({ ...flow, config });
  });
}
