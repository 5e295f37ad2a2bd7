// The snmp helpers' options, as a flow names them. snmp: the module parameter `timeout`
// (nf_conntrack_snmp, default 30 s) and the route/device facts of the broadcast core
// (helpers/core/broadcast.ts). snmp-trap (nf_nat_snmp_basic's "snmp_trap"): no options.

import {
  applyBroadcastRouteOption,
  type BroadcastRoute,
  defaultBroadcastRoute,
} from "../core/broadcast.ts";
import { configEntries, isIntegerIn, UINT_MAX } from "../core/config-options.ts";
import { FlowError } from "../core/model.ts";

export interface SnmpConfig {
  /** Module parameter `timeout` (uint, seconds, default 30): the expectation policy's
   * timeout and the master's refresh. Timeouts are not modelled; kept for the policy. */
  timeout: number;
  /** Default: not local, not broadcast, no addresses (nothing expected). */
  route: BroadcastRoute;
}

export const SNMP_DEFAULT_TIMEOUT = 30;

export function parseSnmpConfig(raw: Record<string, unknown> | undefined): SnmpConfig {
  const config: SnmpConfig = { timeout: SNMP_DEFAULT_TIMEOUT, route: defaultBroadcastRoute() };
  for (const [key, value] of configEntries("snmp", raw)) {
    if (key === "timeout") {
      if (!isIntegerIn(value, 0, UINT_MAX)) {
        throw new FlowError(`snmp option "timeout" must be an integer 0..${UINT_MAX}`);
      }
      config.timeout = value;
    } else if (!applyBroadcastRouteOption("snmp", config.route, key, value)) {
      throw new FlowError(`unknown snmp option "${key}"`);
    }
  }
  return config;
}

export function parseSnmpTrapConfig(raw: Record<string, unknown> | undefined): null {
  for (const [key] of configEntries("snmp-trap", raw)) {
    throw new FlowError(`unknown snmp-trap option "${key}"`);
  }
  return null;
}
