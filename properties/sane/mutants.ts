// Planted bugs in the SANE helper: each breaks one SANE rule. The universal ones come from
// properties/core/generic-mutants.ts.

import { runFlow } from "../../helpers/core/driver.ts";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import { type SaneConfig, type SaneState, saneHelper } from "../../helpers/sane/index.ts";
import type { SyncTarget } from "../core/property.ts";

type SaneDefinition = HelperDefinition<SaneConfig, SaneState>;

function buggy(name: string, helper: SaneDefinition): SyncTarget {
  return { name, run: (flow) => runFlow(helper, flow) };
}

const START_HEAD = [0, 0, 0, 7];
const startsWithStart = (data: Uint8Array) => START_HEAD.every((b, i) => data[i] === b);

/** "Validates" the port: a reply announcing port 0 opens nothing. */
export const refusesPortZero = buggy("refuses-port-zero", {
  ...saneHelper,
  process(connection, packet) {
    const d = packet.data;
    const portZero = packet.dir === "reply" && d.length >= 8 && d[6] === 0 && d[7] === 0;
    if (!portZero || !connection.state.startRequested)
      return saneHelper.process(connection, packet);
    connection.state.startRequested = false;
    return { verdict: "accept" };
  },
});

/** Under NAT, expects the data connection from the address the server sees. */
export const expectsFromNatAddress = buggy("expects-from-nat-address", {
  ...saneHelper,
  newState(conntrack, config) {
    return { ...saneHelper.newState(conntrack, config), client: conntrack.reply.dst };
  },
});

/** Opens the pinhole whatever the reply's status (saned refused the START). */
export const ignoresStatus = buggy("ignores-status", {
  ...saneHelper,
  process(connection, packet) {
    const d = packet.data;
    if (packet.dir !== "reply" || d.length < 8) return saneHelper.process(connection, packet);
    return saneHelper.process(connection, {
      ...packet,
      data: Uint8Array.of(0, 0, 0, 0, ...d.subarray(4)),
    });
  },
});

/** Reads the port little-endian. */
export const littleEndianPort = buggy("little-endian-port", {
  ...saneHelper,
  process(connection, packet) {
    const d = packet.data;
    if (packet.dir !== "reply" || d.length < 8) return saneHelper.process(connection, packet);
    const swapped = Uint8Array.from(d);
    swapped[6] = d[7];
    swapped[7] = d[6];
    return saneHelper.process(connection, { ...packet, data: swapped });
  },
});

/** Never ends the wait for the START reply: every later reply can open a pinhole. */
export const neverClearsState = buggy("never-clears-state", {
  ...saneHelper,
  process(connection, packet) {
    const pending = connection.state.startRequested;
    const result = saneHelper.process(connection, packet);
    if (packet.dir === "reply") connection.state.startRequested = pending;
    return result;
  },
});

/** Takes a client segment that starts with SANE_NET_START for one, whatever its length
 * (a START pipelined with the next request, or with a byte more). */
export const startPrefixOfLongerSegment = buggy("start-prefix-of-longer-segment", {
  ...saneHelper,
  process(connection, packet) {
    const d = packet.data;
    if (packet.dir !== "orig" || d.length <= 8 || !startsWithStart(d)) {
      return saneHelper.process(connection, packet);
    }
    connection.state.startRequested = true;
    return { verdict: "accept" };
  },
});

/** Under NAT, "translates" the announced port in the reply that opened a pinhole. */
export const rewritesPortUnderNat = buggy("rewrites-port-under-nat", {
  ...saneHelper,
  process(connection, packet) {
    const pending = connection.state.startRequested;
    const result = saneHelper.process(connection, packet);
    const d = packet.data;
    if (!connection.conntrack.natted || !pending || packet.dir !== "reply" || d.length < 8) {
      return result;
    }
    const data = Uint8Array.from(d);
    data[7] ^= 1;
    return { ...result, data };
  },
});
