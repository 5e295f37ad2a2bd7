// The reference spec model of the Linux Amanda helper (nf_conntrack_amanda +
// nf_nat_amanda), written from kernel-helpers.md §1 and §5 for obviousness. It turns a
// whole flow into an outcome, datagram by datagram.

import type { Expectation, Flow, Outcome, Trace } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
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

const TOKEN_NAMES = ["DATA", "MESG", "INDEX", "STATE"];

const isDigitAt = (payload: Uint8Array, at: number, stop: number): boolean =>
  at < Math.min(stop, payload.length) && payload[at] >= 0x30 && payload[at] <= 0x39;

const textOf = (payload: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...payload.subarray(at, at + length));

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
  if (connect === null) {
    reach("amandad's datagram without CONNECT");
    return data;
  }
  const start = connect + CONNECT.length;
  const stop = findText(data, NEWLINE, start, data.length);
  if (stop === null) {
    reach("CONNECT without a newline after it");
    return data;
  }

  // The kernel searches the datagram as rewritten so far, but keeps the region's end
  // offset from before any rewrite: after a shorter rewrite the region reaches past the
  // '\n' (and possibly past the datagram's end). That can only happen under NAT.
  let payload = data;
  let tokens = 0;
  for (const token of PORT_TOKENS) {
    const at = findText(payload, token, start, stop);
    if (at === null) continue;
    tokens++;
    const name = TOKEN_NAMES[PORT_TOKENS.indexOf(token)];
    // Rewrites replace digits by digits, so the line's '\n' is still the first after start.
    if (at > (findText(payload, NEWLINE, start, payload.length) ?? payload.length))
      reach("NAT: token found past the newline (stale region end)");
    const offset = at + token.length;
    const number = readPortDigits(payload, offset, stop);
    // §5.2: an unreadable copy or port 0 stops the remaining tokens, not just this one.
    if (number.kind === "unreadable") {
      reach("NAT: digits past the datagram's end (stale region end), later tokens skipped");
      break;
    }
    if (number.digits === 0) reach("token without digits: later tokens skipped");
    else if (number.port === 0) reach("port 0: later tokens skipped");
    else reach(`${name}: port expected`);
    if (number.port === 0) break;
    if (number.digits === 5 && isDigitAt(payload, offset + 5, stop))
      reach("more than 5 digits: the first 5 read");
    if (Number(textOf(payload, offset, number.digits)) > 65535) reach("port above 65535 wrapped");
    // §1.3: every expectation of one master has the same protocol, source, source mask and
    // destination address; only dport varies. Two with the same dport are identical (same
    // master, class 0) ⇒ the old one is replaced; two with different dports never overlap.
    // So no insertion clashes (-EBUSY) and none fails: the non-NAT path never drops, and
    // under NAT nf_nat_exp_find_port always gets its first choice, the parsed port.
    list.insert(dataChannel(connection, number.port));
    // §5.3: the port is kept (no clash possible), the digits are rewritten as plain
    // decimal: only leading zeros or a 16-bit wrap change the text.
    if (connection.natted) {
      const before = payload.length;
      payload = replaceDigits(payload, offset, number.digits, number.port);
      reach(
        payload.length === before
          ? "NAT: port rewritten as it was"
          : "NAT: port rewritten shorter (leading zeros or a 16-bit wrap)",
      );
    }
  }
  if (tokens === 0) reach("CONNECT line without a port token");
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
      if (dir === "orig") reach("backup server's datagram: not parsed");
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
