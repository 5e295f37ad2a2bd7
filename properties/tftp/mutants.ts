// Planted bugs in the TFTP helper: each breaks one TFTP rule. The universal ones come from
// properties/core/generic-mutants.ts.

import { runFlow } from "../../helpers/core/driver.ts";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import { tftpHelper } from "../../helpers/tftp/index.ts";
import { isTransferRequest, TFTP_RRQ, tftpOpcode } from "../../helpers/tftp/opcode.ts";
import type { SyncTarget } from "../core/property.ts";

function buggy<Config, State>(name: string, helper: HelperDefinition<Config, State>): SyncTarget {
  return { name, run: (flow) => runFlow(helper, flow) };
}

/** Treats OACK (opcode 6) like a request. */
export const oackExpects = buggy("oack-expects", {
  ...tftpHelper,
  process(connection, packet) {
    if (tftpOpcode(packet.data) !== 6) return tftpHelper.process(connection, packet);
    return tftpHelper.process(connection, { ...packet, data: Uint8Array.of(0, TFTP_RRQ) });
  },
});

/** Builds the expectation from the sender's tuple: a request from the server then opens a
 * pinhole from the client to the server. */
export const expectsFromSenderTuple = buggy("expects-from-sender-tuple", {
  ...tftpHelper,
  process(connection, packet) {
    if (packet.dir === "orig" || !isTransferRequest(tftpOpcode(packet.data))) {
      return tftpHelper.process(connection, packet);
    }
    const { src, dst, dport } = connection.conntrack.orig;
    connection.expectations.expect({ l4: "udp", src, sport: null, dst, dport });
    return { verdict: "accept" };
  },
});

/** Checks the direction like most helpers do: a request from the server opens nothing. */
export const ignoresServerRequests = buggy("ignores-server-requests", {
  ...tftpHelper,
  process(connection, packet) {
    return packet.dir === "reply" ? { verdict: "accept" } : tftpHelper.process(connection, packet);
  },
});
