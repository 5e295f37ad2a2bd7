// Planted bugs in the snmp helper, each breaking one rule of nf_nat_snmp_basic. The universal
// ones come from properties/core/generic-mutants.ts.

import { parseIPv4 } from "../../helpers/core/address.ts";
import { runFlow } from "../../helpers/core/driver.ts";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { EntryState } from "../../helpers/core/udp-entry.ts";
import { snmpHelper, snmpTrapHelper } from "../../helpers/snmp/index.ts";
import type { SyncTarget } from "../core/property.ts";

function buggy<Config, State>(name: string, helper: HelperDefinition<Config, State>): SyncTarget {
  return { name, run: (flow) => runFlow(helper, flow) };
}

/** Forwards what the BER decoder refuses instead of dropping it. */
function forwardingUndecodable<Config>(helper: HelperDefinition<Config, EntryState>): SyncTarget {
  return buggy("forwards-undecodable", {
    ...helper,
    process(connection, packet) {
      const result = helper.process(connection, packet);
      return result.verdict === "drop" ? { verdict: "accept" } : result;
    },
  });
}

/** Replaces every IpAddress under NAT, not only those equal to the inside address. */
function rewritingEveryAddress<Config>(helper: HelperDefinition<Config, EntryState>): SyncTarget {
  return buggy("rewrites-every-address", {
    ...helper,
    process(connection, packet) {
      const result = helper.process(connection, packet);
      const nat = parseIPv4(connection.conntrack.reply.dst);
      if (result.verdict !== "accept" || !connection.conntrack.natted || nat === null)
        return result;
      const data = (result.data ?? packet.data).slice();
      for (let p = 0; p + 6 <= data.length; p++) {
        if (data[p] === 0x40 && data[p + 1] === 4) data.set(nat, p + 2);
      }
      return { verdict: "accept", data };
    },
  });
}

export const forwardsUndecodable = forwardingUndecodable(snmpHelper);
export const rewritesEveryAddress = rewritingEveryAddress(snmpHelper);
export const trapForwardsUndecodable = forwardingUndecodable(snmpTrapHelper);
export const trapRewritesEveryAddress = rewritingEveryAddress(snmpTrapHelper);

/** A trap helper that opens a pinhole (snmp_trap never expects): from the server to a third
 * host, on every ORIGINAL datagram. */
const expectingTrapHelper: HelperDefinition<null, EntryState> = {
  ...snmpTrapHelper,
  process(connection, packet) {
    if (packet.dir === "orig") {
      const { reply } = connection.conntrack;
      connection.expectations.expect({
        l4: "udp",
        src: reply.src,
        sport: null,
        dst: "192.0.2.99",
        dport: 9,
      });
    }
    return snmpTrapHelper.process(connection, packet);
  },
};
export const trapExpectsThirdParty = buggy("trap-expects-third-party", expectingTrapHelper);
