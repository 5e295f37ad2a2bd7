// The netbios-ns helper's options, as a flow names them: the module parameter `timeout`
// and the route/device facts the broadcast core needs (helpers/core/broadcast.ts).

import {
  applyBroadcastRouteOption,
  type BroadcastRoute,
  defaultBroadcastRoute,
} from "../core/broadcast.ts";
import { configEntries, isIntegerIn, UINT_MAX } from "../core/config-options.ts";
import { FlowError } from "../core/model.ts";

export interface NetbiosNsConfig {
  /** Module parameter `timeout` (uint, seconds, default 3): the expectation policy's
   * timeout and the master's refresh. Timeouts are not modelled; kept for the policy. */
  timeout: number;
  /** Whether the packets are locally generated, take a broadcast route, and the outgoing
   * device's addresses. Default: not local, not broadcast, no addresses (nothing expected). */
  route: BroadcastRoute;
}

export const NETBIOS_NS_DEFAULT_TIMEOUT = 3;

export function parseNetbiosNsConfig(raw: Record<string, unknown> | undefined): NetbiosNsConfig {
  const config: NetbiosNsConfig = {
    timeout: NETBIOS_NS_DEFAULT_TIMEOUT,
    route: defaultBroadcastRoute(),
  };
  for (const [key, value] of configEntries("netbios-ns", raw)) {
    if (key === "timeout") {
      if (!isIntegerIn(value, 0, UINT_MAX)) {
        throw new FlowError(`netbios-ns option "timeout" must be an integer 0..${UINT_MAX}`);
      }
      config.timeout = value;
    } else if (!applyBroadcastRouteOption("netbios-ns", config.route, key, value)) {
      throw new FlowError(`unknown netbios-ns option "${key}"`);
    }
  }
  return config;
}
