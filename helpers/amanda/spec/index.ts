// The reference spec model of the Linux Amanda helper (nf_conntrack_amanda +
// nf_nat_amanda), written from kernel-helpers.md §1 and §5 for obviousness. It turns a
// whole flow into an outcome, datagram by datagram.

import type { Expectation, Flow, Outcome, Trace } from "../../core/model.ts";
import { type Connection, connectionOf } from "../../spec-core/connection.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import { traceSegments } from "../../spec-core/segment-loop.ts";
import { parseAmandaConfig } from "./config.ts";
import { readPortDigits } from "./port-digits.ts";
import { replaceDigits } from "./rewrite.ts";
import { findText } from "./text-search.ts";

/** §5.1 policy */
const AMANDA_MAX_EXPECTED = 4;

const ascii = (text: string) => new TextEncoder().encode(text);
const CONNECT = ascii("CONNECT ");
const NEWLINE = ascii("\n");
/** §5.2: searched in this order, each once. */
const PORT_TOKENS = ["DATA ", "MESG ", "INDEX ", "STATE "].map(ascii);

/** §5.2: the backup server (the flow's client) connects back to amandad's address as it
 * dialled it, from any port. */
function dataChannel(connection: Connection, port: number): Expectation {
  const orig = connection.tuple.orig;
  return { l4: "tcp", src: orig.src, sport: null, dst: orig.dst, dport: port };
}

/** §5.2–§5.3 on one REPLY datagram; returns the payload as forwarded. The verdict is
 * always accept: no insertion can fail within one flow (see insert below), and the NAT
 * rewrite only ever shortens (the port is the digits' value mod 2^16, so it never has more
 * digits), so it cannot fail either. */
function helpReply(connection: Connection, list: ExpectationList, data: Uint8Array): Uint8Array {
  const connect = findText(data, CONNECT, 0, data.length);
  if (connect === null) return data;
  const start = connect + CONNECT.length;
  const stop = findText(data, NEWLINE, start, data.length);
  if (stop === null) return data;

  // The kernel searches the datagram as rewritten so far, but keeps the region's end
  // offset from before any rewrite: after a shorter rewrite the region reaches past the
  // '\n' (and possibly past the datagram's end). That can only happen under NAT.
  let payload = data;
  for (const token of PORT_TOKENS) {
    const at = findText(payload, token, start, stop);
    if (at === null) continue;
    const offset = at + token.length;
    const number = readPortDigits(payload, offset, stop);
    // §5.2: an unreadable copy or port 0 stops the remaining tokens, not just this one.
    if (number.kind === "unreadable" || number.port === 0) break;
    // §1.3: every expectation of one master has the same protocol, source, source mask and
    // destination address; only dport varies. Two with the same dport are identical (same
    // master, class 0) ⇒ the old one is replaced; two with different dports never overlap.
    // So no insertion clashes (-EBUSY) and none fails: the non-NAT path never drops, and
    // under NAT nf_nat_exp_find_port always gets its first choice, the parsed port.
    list.insert(dataChannel(connection, number.port));
    // §5.3: the port is kept (no clash possible), the digits are rewritten as plain
    // decimal: only leading zeros or a 16-bit wrap change the text.
    if (connection.natted) payload = replaceDigits(payload, offset, number.digits, number.port);
  }
  return payload;
}

export function amandaSpecTrace(flow: Flow): Trace {
  const connection = connectionOf(flow, { helper: "amanda", l4: "udp" });
  parseAmandaConfig(flow.config); // master_timeout only refreshes a timer no outcome shows.
  const list = new ExpectationList(AMANDA_MAX_EXPECTED);

  return traceSegments(flow.segments, {
    expectations: list,
    // UDP: the seq is never adjusted, whatever the length change.
    help(dir, _seq, data) {
      // §5.2: only the amandad side (REPLY) is parsed.
      return {
        verdict: "accept",
        data: dir === "reply" ? helpReply(connection, list, data) : data,
      };
    },
  });
}

export function amandaSpec(flow: Flow): Outcome {
  return amandaSpecTrace(flow).outcome;
}
