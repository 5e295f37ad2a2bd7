// The reference spec model of the Linux FTP helper (nf_conntrack_ftp + nf_nat_ftp), written
// from kernel-helpers.md §1–§2 for obviousness. It turns a whole flow into an outcome,
// segment by segment, with every kernel rule spelled out where it applies.

import { formatIPv4, formatIPv6 } from "../../core/address.ts";
import type { Dir, Expectation, Flow, Outcome, Trace } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import { type HelperResult, traceSegments } from "../../spec-core/segment-loop.ts";
import { SequenceAdjustment } from "../../spec-core/sequence-adjustment.ts";
import { u32 } from "../../spec-core/serial-number.ts";
import { spliceText } from "../../spec-core/splice-text.ts";
import { type Command, parseCommand } from "./commands.ts";
import { type Connection, connectionOf, type FtpConfig, parseFtpConfig } from "./flow-input.ts";
import { replacementText } from "./nat.ts";
import { NewlinePositions } from "./tracking.ts";

/** §2.1 policy */
const FTP_MAX_EXPECTED = 1;
const NEWLINE = 0x0a;

interface FlowState {
  config: FtpConfig;
  connection: Connection;
  newlines: Record<Dir, NewlinePositions>;
  sequenceAdjustment: Record<Dir, SequenceAdjustment>;
  expectations: ExpectationList;
}

function otherDir(dir: Dir): Dir {
  return dir === "orig" ? "reply" : "orig";
}

function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
  return true;
}

function addressText(family: 4 | 6, union: Uint8Array): string {
  return family === 4 ? formatIPv4(union) : formatIPv6(union);
}

/** §2.6 and §2.7: what a matched command does to the expectation table and the bytes. */
function handleCommand(
  state: FlowState,
  dir: Dir,
  seq: number,
  data: Uint8Array,
  command: Command,
): HelperResult {
  const { connection, config } = state;
  const accepted: HelperResult = { verdict: "accept", data };
  const dropped: HelperResult = { verdict: "drop", data };
  const peerTuple = connection.tuple[otherDir(dir)];

  // §2.6: the expected connection goes to the sender as the peer sees it ...
  let destination = peerTuple.dst;
  if (!sameAddress(command.address, connection.tuple[dir].src)) {
    if (!config.loose) {
      reach("another host's address: no expectation (anti-bounce)");
      return accepted; // §2.6 anti-bounce: silently no expectation
    }
    reach("another host's address expected (loose)");
    destination = command.address; // ... or, loose, to whatever address was named
  }
  const expectation: Expectation = {
    l4: "tcp",
    src: addressText(connection.family, peerTuple.src),
    sport: null,
    dst: addressText(connection.family, destination),
    dport: command.port,
  };

  if (!connection.natted) {
    // §2.6: cannot expect it ⇒ drop.
    if (state.expectations.insert(expectation) === "ok") return accepted;
    reach("expectation refused: dropped");
    return dropped;
  }

  // §1.4 nf_nat_exp_find_port: the parsed port is tried first. Within one FTP master a
  // clash can only be an identical expectation (which is replaced), so "busy" and the
  // kernel's random retries never happen here.
  if (state.expectations.insert(expectation) !== "ok") {
    reach("expectation refused: dropped");
    return dropped;
  }
  // §13.15: a port of 0 is inserted, then read as "all ports in use" ⇒ drop, nothing
  // rewritten, the expectation stays.
  if (command.port === 0) {
    reach("NAT: port 0 dropped, expectation stays");
    return dropped;
  }

  // §2.7: the text names tuple[!dir].dst even when a loose expectation targets another
  // address.
  const text = replacementText(command.type, connection.family, peerTuple.dst, command.port);
  const rewritten = spliceText(data, command.matchOffset, command.matchLength, text);
  // §1.4 / §1.5: a length change is recorded at this segment's original seq.
  state.sequenceAdjustment[dir].record(seq, rewritten.length - data.length);
  reach(
    rewritten.length === data.length
      ? "NAT: rewritten, same length"
      : "NAT: rewritten, length changed (sequence adjustment)",
  );
  return { verdict: "accept", data: rewritten };
}

/** §2.2–§2.3: the helper's work on one segment, in the sender's original seq space. */
function helpSegment(state: FlowState, dir: Dir, seq: number, data: Uint8Array): HelperResult {
  // §2.2: no payload ⇒ accept without touching state.
  if (data.length === 0) {
    reach("empty segment");
    return { verdict: "accept", data };
  }
  // §2.3 step 1
  const endsWithNewline = data[data.length - 1] === NEWLINE;
  const next = u32(seq + data.length);

  let result: HelperResult = { verdict: "accept", data };
  // §2.3 step 2: only a segment starting at a remembered position is parsed.
  if (!state.newlines[dir].includes(seq)) reach(`${dir}: segment not at a tracked line start`);
  else {
    const parsed = parseCommand(data, dir, {
      family: state.connection.family,
      senderAddress: state.connection.tuple[dir].src,
      version: { avoidU16Overflows: state.config.avoidU16Overflows },
    });
    // §2.3 step 3: partial / parse failure ⇒ drop and return before step 4.
    if (parsed.kind === "partial") return { verdict: "drop", data };
    if (parsed.kind === "match") result = handleCommand(state, dir, seq, data, parsed.command);
  }
  // §2.3 step 4 (reached by every other outcome, dropped ones included).
  if (endsWithNewline) state.newlines[dir].remember(next);
  else reach(`${dir}: segment ends mid-line`);
  return result;
}

export function ftpSpecTrace(flow: Flow): Trace {
  const connection = connectionOf(flow);
  const config = parseFtpConfig(flow.config);
  reach(`config: loose ${config.loose ? "on" : "off"}`);
  reach(`config: avoidU16Overflows ${config.avoidU16Overflows ? "on" : "off"}`);
  const state: FlowState = {
    connection,
    config,
    newlines: { orig: new NewlinePositions(), reply: new NewlinePositions() },
    sequenceAdjustment: { orig: new SequenceAdjustment(), reply: new SequenceAdjustment() },
    expectations: new ExpectationList(FTP_MAX_EXPECTED),
  };
  return traceSegments(flow.segments, {
    help: (dir, seq, data) => helpSegment(state, dir, seq, data),
    expectations: state.expectations,
    sequenceAdjustment: state.sequenceAdjustment,
  });
}

export function ftpSpec(flow: Flow): Outcome {
  return ftpSpecTrace(flow).outcome;
}
