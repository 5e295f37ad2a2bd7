// Planted bugs in the netbios-ns helper: each breaks one rule of the broadcast core. The
// universal ones come from properties/core/generic-mutants.ts.

import type { broadcastExpectation } from "../../helpers/core/broadcast.ts";
import { runFlow } from "../../helpers/core/driver.ts";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import { netbiosNsHelper } from "../../helpers/netbios-ns/index.ts";
import type { SyncTarget } from "../core/property.ts";

function buggy<Config, State>(name: string, helper: HelperDefinition<Config, State>): SyncTarget {
  return { name, run: (flow) => runFlow(helper, flow) };
}

/** Forgets IFA_F_SECONDARY: a secondary address with the destination as broadcast gives
 * its mask. */
export const takesSecondaryAddresses = buggy("takes-secondary-addresses", {
  ...netbiosNsHelper,
  process(connection, packet) {
    const route = connection.config.route;
    const device = route.device.map((a) => ({ ...a, secondary: false }));
    const config = { ...connection.config, route: { ...route, device } };
    return netbiosNsHelper.process({ ...connection, config }, packet);
  },
});

/** Keeps the server's port as the source port instead of the helper's (137). */
export const keepsServerPort = buggy("keeps-server-port", {
  ...netbiosNsHelper,
  process(connection, packet) {
    const sink = connection.expectations;
    const expectations = {
      ...sink,
      expect: (request: ReturnType<typeof broadcastExpectation>) =>
        sink.expect({ ...request, sport: connection.conntrack.reply.sport }),
      remove: sink.remove.bind(sink),
      find: sink.find.bind(sink),
    };
    return netbiosNsHelper.process({ ...connection, expectations }, packet);
  },
});
