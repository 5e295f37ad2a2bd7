import type fc from "fast-check";
import { canonicalAddress } from "../../helpers/core/address.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";

function sameDevice(flow: Flow): string[] {
  const c = flow.config ?? {};
  if (c.directMedia !== false || c.externalMedia !== true || !Array.isArray(c.sameDeviceMedia))
    return [];
  return (c.sameDeviceMedia as string[]).map(canonicalAddress);
}

/** sip_external_media (with sip_direct_media=0): media whose address routes out of the same
 * device as the signalling packet gets no pinhole (§6.5); the flow names those addresses in
 * `sameDeviceMedia`. And without the options that allow it, no pinhole has a wildcard source:
 * on TCP the UDP (media) ones need sip_direct_media=0, the TCP (signalling) ones
 * sip_direct_signalling=0. */
export function externalMediaRespectsDevice(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "external-media-respects-device",
    description:
      "With sip_external_media no media pinhole goes to a sameDeviceMedia address, and a wildcard source appears only where sip_direct_media / sip_direct_signalling are off.",
    arbitrary: flows,
    check(flow, { target }) {
      const blocked = new Set(sameDevice(flow));
      const c = flow.config ?? {};
      for (const e of target.run(flow).expectations) {
        if (e.l4 === "udp" && blocked.has(e.dst)) {
          throw new Error(
            `media pinhole ${expectationText(e)} to ${e.dst}, which routes out of the same device (sameDeviceMedia)`,
          );
        }
        if (flow.l4 !== "tcp" || e.src !== null) continue;
        const allowed = e.l4 === "udp" ? c.directMedia === false : c.directSignalling === false;
        if (!allowed)
          throw new Error(
            `pinhole ${expectationText(e)} has a wildcard source, which config ${JSON.stringify(c)} does not allow`,
          );
      }
    },
  };
}
