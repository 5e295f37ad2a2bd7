// The reference spec model of the Linux IRC DCC helper (nf_conntrack_irc + nf_nat_irc,
// post-2022 matching as in 6.18), written from kernel-helpers.md §1 and §3 for
// obviousness. It turns a whole flow into an outcome, segment by segment.

import { formatIPv4 } from "../../core/address.ts";
import type { Dir, Expectation, Flow, Outcome, Trace } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import { type HelperResult, traceSegments } from "../../spec-core/segment-loop.ts";
import { SequenceAdjustment } from "../../spec-core/sequence-adjustment.ts";
import { spliceText } from "../../spec-core/splice-text.ts";
import { findDccCommand, MAX_SEARCH_SIZE, searchWindow } from "./find-dcc.ts";
import { type Connection, connectionOf, parseIrcConfig } from "./flow-input.ts";
import { replacementText } from "./nat.ts";
import { parseDcc } from "./parse-dcc.ts";

/** §1.4 __nf_nat_mangle_tcp_packet: a rewrite may not grow the IP packet past 65535
 * bytes. The packet is assumed to carry a 20-byte IPv4 and a 20-byte TCP header. */
const MAX_IP_PACKET = 65535;
const IPV4_TCP_HEADERS = 40;

interface FlowState {
  connection: Connection;
  expectations: ExpectationList;
  sequenceAdjustment: Record<Dir, SequenceAdjustment>;
}

function addressText(address: number): string {
  return formatIPv4(
    Uint8Array.of(address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff),
  );
}

/** §3.3 steps 3–7 and §3.4 on one client segment, in the client's original seq space. */
function helpClientSegment(state: FlowState, seq: number, data: Uint8Array): HelperResult {
  const accepted: HelperResult = { verdict: "accept", data };
  // §3.2: no payload ⇒ nothing to look at; otherwise only the first 4095 bytes.
  if (data.length === 0) {
    reach("empty client segment");
    return accepted;
  }
  if (data.length > MAX_SEARCH_SIZE) reach("client segment past 4095 bytes: only those searched");
  const window = searchWindow(data);
  const command = findDccCommand(window);
  if (command === null) return accepted;
  // §3.3 step 3: the first DCC of a known type is the only one, whatever parse_dcc says.
  const dcc = parseDcc(window, command.argumentsStart);
  if (dcc === null) return accepted;

  // §3.3 step 5: the client's real address or the address the server sees; port 0 is
  // forged too. No port ≥ 1024 rule (§13 item 7).
  const { tuple } = state.connection;
  const namesClient = dcc.ip === tuple.orig.src || dcc.ip === tuple.reply.dst;
  if (!namesClient) reach("DCC names another host: no expectation");
  else if (dcc.port === 0) reach("DCC port 0: no expectation");
  if (!namesClient || dcc.port === 0) return accepted;

  // §3.3 step 6: anyone may connect to the client as the server sees it.
  const expectation: Expectation = {
    l4: "tcp",
    src: null,
    sport: null,
    dst: addressText(tuple.reply.dst),
    dport: dcc.port,
  };

  // §3.3 step 7 / §1.3: every IRC expectation has the same all-wildcard source, so a clash
  // is always an identical one, which is replaced: insertion cannot fail within one IRC
  // flow, but the rule stays: a refused expectation drops the segment.
  if (!state.connection.natted) {
    reach("DCC names the client: expected");
    return state.expectations.insert(expectation) === "ok" ? accepted : { verdict: "drop", data };
  }

  // §3.4 / §1.4 nf_nat_exp_find_port: the DCC port is tried first. Every expectation of
  // this master has the same wildcard source and destination address, so the only
  // possible clash is an identical one (same port), which is replaced, not refused: the
  // first try always succeeds and the port is kept. Port 0 never gets here (forged).
  reach(
    dcc.ip === tuple.orig.src
      ? "NAT: DCC names the client's real address"
      : "NAT: DCC names the client's NAT address",
  );
  if (state.expectations.insert(expectation) !== "ok") return { verdict: "drop", data };

  const text = replacementText(tuple.reply.dst, dcc.port);
  const rewritten = spliceText(data, dcc.regionStart, dcc.regionEnd - dcc.regionStart, text);
  if (IPV4_TCP_HEADERS + rewritten.length > MAX_IP_PACKET) {
    // §3.4: mangle failure ⇒ unexpect and drop, nothing rewritten.
    reach("NAT: rewrite would pass 65535 bytes, dropped");
    state.expectations.remove(expectation);
    return { verdict: "drop", data };
  }
  reach(
    rewritten.length === data.length
      ? "NAT: rewritten, same length"
      : "NAT: rewritten, length changed (sequence adjustment)",
  );
  // §1.4 / §1.5: a length change is recorded at this segment's original seq.
  state.sequenceAdjustment.orig.record(seq, rewritten.length - data.length);
  return { verdict: "accept", data: rewritten };
}

export function ircSpecTrace(flow: Flow): Trace {
  const connection = connectionOf(flow);
  const config = parseIrcConfig(flow.config);
  const state: FlowState = {
    connection,
    // §3.1: policy max_expected = max_dcc_channels.
    expectations: new ExpectationList(config.maxDccChannels),
    sequenceAdjustment: { orig: new SequenceAdjustment(), reply: new SequenceAdjustment() },
  };
  return traceSegments(flow.segments, {
    // §3.2: only the ORIGINAL direction (client → server) is examined. The flow starts
    // after the handshake, so every data segment is ESTABLISHED. Only client segments are
    // ever rewritten, so reply seqs never move.
    help(dir: Dir, seq, data) {
      if (dir === "orig") return helpClientSegment(state, seq, data);
      reach("server's segment: not examined");
      return { verdict: "accept", data };
    },
    expectations: state.expectations,
    sequenceAdjustment: state.sequenceAdjustment,
  });
}

export function ircSpec(flow: Flow): Outcome {
  return ircSpecTrace(flow).outcome;
}
