// The reference spec model of the Linux SANE helper (nf_conntrack_sane; there is no
// nf_nat_sane), written from kernel-helpers.md §1 and §7 for obviousness. It turns a whole
// flow into an outcome, segment by segment.

import type { Expectation, Flow, Outcome, Trace } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { type Connection, connectionOf } from "../../spec-core/connection.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import { traceSegments } from "../../spec-core/segment-loop.ts";
import { parseSaneConfig } from "./config.ts";
import { announcesPort, isNetStart, netStartReply, requestCode } from "./wire.ts";

/** §7 policy */
const SANE_MAX_EXPECTED = 1;

/** §7 state of the connection (one for both directions). */
type SaneState = "NORMAL" | "START_REQUESTED";

/** §7: the client's data connection to the server: src = tuple[ORIG].src (the client as
 * it is, NAT or not: no NAT helper), any source port, dst = tuple[ORIG].dst. */
function dataConnection(connection: Connection, port: number): Expectation {
  const orig = connection.tuple.orig;
  return { l4: "tcp", src: orig.src, sport: null, dst: orig.dst, dport: port };
}

export function saneSpecTrace(flow: Flow): Trace {
  const connection = connectionOf(flow, { helper: "sane", l4: "tcp" });
  parseSaneConfig(flow.config); // §7 ports= only names the helper; checked for typos.
  const expectations = new ExpectationList(SANE_MAX_EXPECTED);
  let state: SaneState = "NORMAL";

  return traceSegments(flow.segments, {
    expectations,
    // No NAT helper, so no rewrite and no sequence adjustment: every segment is forwarded
    // as it came, at its input seq.
    help(dir, _seq, data) {
      const accept = { verdict: "accept" as const, data };
      // §7 (the helper's "No data?" check): a segment without payload changes nothing.
      if (data.length === 0) {
        reach("empty segment");
        return accept;
      }
      if (dir === "orig") {
        // §7 ORIGINAL: only exactly 8 bytes count; code 7 ⇒ START_REQUESTED, else NORMAL.
        const code = requestCode(data);
        if (code === null) reach("request not 8 bytes: state kept");
        else if (isNetStart(code)) reach("request START");
        else reach("request of another code");
        if (code !== null) state = isNetStart(code) ? "START_REQUESTED" : "NORMAL";
        return accept;
      }
      // §7 REPLY: ignored unless a START is pending; this reply ends it whatever it says.
      if (state !== "START_REQUESTED") {
        reach("reply with no START pending");
        return accept;
      }
      state = "NORMAL";
      const reply = netStartReply(data);
      if (reply === null) reach("START reply shorter than 8 bytes");
      else if (!announcesPort(reply)) reach("START reply: status or zero field not 0");
      else
        reach(reply.port === 0 ? "START reply announces port 0" : "START reply announces a port");
      if (reply === null || !announcesPort(reply)) return accept;
      // §1.3 + §7 max_expected 1: a new port evicts the live one, the same port replaces
      // it; both are creations. Within one flow nothing clashes, so nothing is dropped
      // (the kernel drops only when the insertion fails).
      const inserted = expectations.insert(dataConnection(connection, reply.port));
      return inserted === "ok" ? accept : { verdict: "drop", data };
    },
  });
}

export function saneSpec(flow: Flow): Outcome {
  return saneSpecTrace(flow).outcome;
}
