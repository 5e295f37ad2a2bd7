// The reference spec model of the Linux TFTP helper (nf_conntrack_tftp + nf_nat_tftp),
// written from kernel-helpers.md §1 and §4 for obviousness. It turns a whole flow into an
// outcome, datagram by datagram.

import type { Expectation, Flow, Outcome, Trace } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { type Connection, connectionOf } from "../../spec-core/connection.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import { traceSegments } from "../../spec-core/segment-loop.ts";
import { parseTftpConfig } from "./config.ts";
import { isTransferRequest } from "./opcode.ts";

/** §4.1 policy */
const TFTP_MAX_EXPECTED = 1;

/** §4.2: the pinhole for the server's answer from its new TID (any source port) back to
 * the client's port, as the server sees the client (the NAT address under source NAT).
 * Both tuples are the conntrack's, so the same whichever direction carried the request. */
function replyPinhole(connection: Connection): Expectation {
  const reply = connection.tuple.reply;
  return { l4: "udp", src: reply.src, sport: null, dst: reply.dst, dport: reply.dport };
}

export function tftpSpecTrace(flow: Flow): Trace {
  const connection = connectionOf(flow, { helper: "tftp", l4: "udp" });
  parseTftpConfig(flow.config); // §4.1 ports= only names the helper; checked for typos.
  const expectations = new ExpectationList(TFTP_MAX_EXPECTED);

  return traceSegments(flow.segments, {
    expectations,
    // UDP: no sequence adjustment, every datagram keeps its input seq.
    help(dir, _seq, data) {
      // §4.2: no direction or state check: every datagram, the very first one included.
      if (isTransferRequest(data)) {
        reach(`${dir}: transfer request (RRQ or WRQ)`);
        // §1.3 + §4.1 max_expected 1: every request of one flow names the same tuple, so
        // the new one replaces the old (a re-sent RRQ refreshes it and counts as a new
        // creation); never a clash, so insertion never fails and nothing is dropped.
        // §4.3 under NAT: the same expectation (dst = tuple[REPLY].dst already names the
        // NAT address; follow_master DNATs it to the client), no payload rewrite.
        expectations.insert(replyPinhole(connection));
      } else reach(data.length < 2 ? `${dir}: shorter than an opcode` : `${dir}: other opcode`);
      return { verdict: "accept", data };
    },
  });
}

export function tftpSpec(flow: Flow): Outcome {
  return tftpSpecTrace(flow).outcome;
}
