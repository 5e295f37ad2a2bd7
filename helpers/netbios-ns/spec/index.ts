// The reference spec model of the Linux NetBIOS name service helper (nf_conntrack_netbios_ns
// on nf_conntrack_broadcast_help), written from kernel-helpers.md §8 and the 6.18 source for
// obviousness. It turns a whole flow into an outcome, datagram by datagram.

import type { Flow, Outcome, Trace } from "../../core/model.ts";
import { broadcastHelpSpec } from "../../spec-core/broadcast.ts";
import { connectionOf } from "../../spec-core/connection.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import { traceSegments } from "../../spec-core/segment-loop.ts";
import { parseNetbiosNsConfig } from "./config.ts";

/** §8 NMBD_PORT: helper->tuple.src.u.udp.port. */
const NMBD_PORT = 137;
/** §8 exp_policy.max_expected */
const MAX_EXPECTED = 1;

export function netbiosNsSpecTrace(flow: Flow): Trace {
  const connection = connectionOf(flow, { helper: "netbios-ns", l4: "udp", ipv4Only: true });
  const config = parseNetbiosNsConfig(flow.config);
  const expectations = new ExpectationList(MAX_EXPECTED);
  return traceSegments(flow.segments, {
    expectations,
    help(dir, _seq, data) {
      broadcastHelpSpec(connection, config, NMBD_PORT, dir, expectations);
      return { verdict: "accept", data };
    },
  });
}

export function netbiosNsSpec(flow: Flow): Outcome {
  return netbiosNsSpecTrace(flow).outcome;
}
