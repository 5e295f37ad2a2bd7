// The reference spec model of the Linux PPTP helper (nf_conntrack_pptp.c, nf_nat_pptp.c,
// nf_conntrack_proto_gre.c's keymap and gre_pptp_destroy_siblings; Linux 6.18), written
// from the kernel source for obviousness; kernel-helpers.md §10 and §1. It turns a whole
// flow into an outcome, segment by segment.

import {
  type Dir,
  type Expectation,
  type Flow,
  FlowError,
  type Outcome,
  type Trace,
} from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { type Connection, connectionOf } from "../../spec-core/connection.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import { traceSegments } from "../../spec-core/segment-loop.ts";
import { type FieldName, type MessageName, read, u8, u16, withU16 } from "./wire.ts";

/** pptp_exp_policy */
const PPTP_MAX_EXPECTED = 2;

/** enum pptp_ctrlsess_state, in its numeric order (the helper compares with < and >). */
const SESSION_STATES = ["NONE", "ERROR", "STOPREQ", "REQUESTED", "CONFIRMED"] as const;
type SessionState = (typeof SESSION_STATES)[number];
const rank = (s: SessionState) => SESSION_STATES.indexOf(s);

/** enum pptp_ctrlcall_state (ERROR is never entered). */
type CallState = "NONE" | "OUT_REQ" | "OUT_CONF" | "IN_REQ" | "IN_REP" | "IN_CONF" | "CLEAR_REQ";

/** struct nf_ct_pptp_master, plus nf_nat_pptp's struct nf_nat_pptp (zeroed at start). */
interface Master {
  sstate: SessionState;
  cstate: CallState;
  pac_call_id: number;
  pns_call_id: number;
  nat_pns_call_id: number;
  nat_pac_call_id: number;
  /** keymap[ORIGINAL], keymap[REPLY]: the tuples exp_gre registered, or null. */
  keymap: { orig: Expectation; reply: Expectation } | null;
}

/** PPTP_START_OK, PPTP_STOP_OK, PPTP_OUTCALL_CONNECT, PPTP_INCALL_ACCEPT: all 1. */
const OK = 1;

/** gre_key_cmpfn: addresses, protocol and the destination key; not the source key. */
function keymapMatches(held: Expectation, tuple: Expectation): boolean {
  return held.src === tuple.src && held.dst === tuple.dst && held.dport === tuple.dport;
}

function sameTuple(a: Expectation, b: Expectation): boolean {
  return (
    a.l4 === b.l4 &&
    a.src === b.src &&
    a.sport === b.sport &&
    a.dst === b.dst &&
    a.dport === b.dport
  );
}

/** A GRE tuple of one direction of the master: from tuplehash[dir]'s addresses. */
function greTuple(connection: Connection, dir: Dir, srcKey: number, dstKey: number): Expectation {
  const t = connection.tuple[dir];
  return { l4: "gre", src: t.src, sport: srcKey, dst: t.dst, dport: dstKey };
}

export function pptpSpecTrace(flow: Flow): Trace {
  const connection = connectionOf(flow, { helper: "pptp", l4: "tcp", ipv4Only: true });
  checkConfig(flow.config);
  const expectations = new ExpectationList(PPTP_MAX_EXPECTED);
  const m: Master = {
    sstate: "NONE",
    cstate: "NONE",
    pac_call_id: 0,
    pns_call_id: 0,
    nat_pns_call_id: 0,
    nat_pac_call_id: 0,
    keymap: null,
  };
  // IPS_NAT_MASK with nf_nat_pptp loaded (§1.4).
  const nat = connection.natted;

  /** exp_gre(ct, callid, peer_callid): its result is ignored by both callers. */
  function exp_gre(callid: number, peer_callid: number): void {
    let exp_orig = greTuple(connection, "orig", peer_callid, callid);
    let exp_reply = greTuple(connection, "reply", callid, peer_callid);
    if (nat) {
      // nf_nat_pptp pptp_exp_gre
      m.nat_pac_call_id = m.pac_call_id;
      exp_orig = greTuple(connection, "orig", m.nat_pns_call_id, m.pac_call_id);
      exp_reply = greTuple(connection, "reply", m.nat_pac_call_id, m.pns_call_id);
    }
    if (expectations.insert(exp_orig) !== "ok") return;
    if (expectations.insert(exp_reply) !== "ok") {
      expectations.remove(exp_orig);
      return;
    }
    // nf_ct_gre_keymap_add
    if (m.keymap === null) {
      reach("GRE keymap added");
      m.keymap = { orig: exp_orig, reply: exp_reply };
    } else if (keymapMatches(m.keymap.orig, exp_orig) && keymapMatches(m.keymap.reply, exp_reply)) {
      reach("GRE keymap duplicate");
    } else {
      reach("GRE keymap held for other keys: both withdrawn");
      // The ORIGINAL entry was a duplicate, so it was the REPLY add that failed: exp_gre
      // calls nf_ct_gre_keymap_destroy before unexpecting both.
      if (keymapMatches(m.keymap.orig, exp_orig)) m.keymap = null;
      expectations.remove(exp_reply);
      expectations.remove(exp_orig);
    }
  }

  /** gre_pptp_destroy_siblings: keymap gone; per direction the expectation whose tuple is
   * built from the master's current ids is unexpected (no GRE conntrack in a flow). */
  function destroy_siblings(): void {
    m.keymap = null;
    const wanted = [
      greTuple(connection, "orig", m.pns_call_id, m.pac_call_id),
      greTuple(connection, "reply", m.pac_call_id, m.pns_call_id),
    ];
    for (const t of wanted) {
      if (expectations.removeWhere((entry) => sameTuple(entry.expectation, t), 1) > 0) {
        reach("disconnect withdraws an expectation");
      }
    }
  }

  /** pptp_outbound_pkt; false = "goto invalid" (accepted, no NAT). */
  function outbound(name: MessageName, p: Uint8Array): boolean {
    switch (name) {
      case "SCCRQ":
        if (m.sstate !== "NONE") return invalid("PNS: SCCRQ out of state");
        reach("PNS: SCCRQ in state");
        m.sstate = "REQUESTED";
        return true;
      case "StopCCRQ":
        reach("PNS: StopCCRQ");
        m.sstate = "STOPREQ";
        return true;
      case "OCRQ":
        if (m.sstate !== "CONFIRMED") return invalid("PNS: OCRQ out of state");
        reach("PNS: OCRQ in state");
        m.cstate = "OUT_REQ";
        m.pns_call_id = u16(p, "OCRQ.callID");
        return true;
      case "ICRP":
        if (m.cstate !== "IN_REQ" && m.cstate !== "IN_REP")
          return invalid("PNS: ICRP out of state");
        if (m.pac_call_id !== u16(p, "ICRP.peersCallID")) return invalid("PNS: ICRP out of state");
        if (u8(p, "ICRP.resultCode") === OK) {
          reach("PNS: ICRP accepts");
          m.cstate = "IN_REP";
          m.pns_call_id = u16(p, "ICRP.callID");
        } else {
          reach("PNS: ICRP refuses");
          m.cstate = "NONE";
        }
        return true;
      case "CCRQ":
        if (m.sstate !== "CONFIRMED") return invalid("PNS: CCRQ out of state");
        reach("PNS: CCRQ in state");
        m.cstate = "CLEAR_REQ";
        return true;
      case "SLI":
      case "EchoRQ":
      case "EchoRP":
        reach("PNS: echo or set-link-info");
        return true;
      default:
        return invalid("PNS: a message only the PAC sends");
    }
  }

  /** pptp_inbound_pkt; false = "goto invalid". */
  function inbound(name: MessageName, p: Uint8Array): boolean {
    switch (name) {
      case "SCCRP":
        if (rank(m.sstate) < rank("REQUESTED")) return invalid("PAC: SCCRP out of state");
        if (u8(p, "SCCRP.resultCode") === OK) {
          reach("PAC: SCCRP confirms");
          m.sstate = "CONFIRMED";
        } else {
          reach("PAC: SCCRP fails");
          m.sstate = "ERROR";
        }
        return true;
      case "StopCCRP":
        if (rank(m.sstate) > rank("STOPREQ")) return invalid("PAC: StopCCRP out of state");
        if (u8(p, "StopCCRP.resultCode") === OK) {
          reach("PAC: StopCCRP ends the session");
          m.sstate = "NONE";
        } else {
          reach("PAC: StopCCRP fails");
          m.sstate = "ERROR";
        }
        return true;
      case "OCRP": {
        if (m.sstate !== "CONFIRMED") return invalid("PAC: OCRP out of state");
        if (m.cstate !== "OUT_REQ" && m.cstate !== "OUT_CONF") {
          return invalid("PAC: OCRP out of state");
        }
        const cid = u16(p, "OCRP.callID");
        const pcid = u16(p, "OCRP.peersCallID");
        if (m.pns_call_id !== pcid) return invalid("PAC: OCRP out of state");
        if (u8(p, "OCRP.resultCode") === OK) {
          reach("PAC: OCRP connected");
          m.cstate = "OUT_CONF";
          m.pac_call_id = cid;
          exp_gre(cid, pcid);
        } else {
          reach("PAC: OCRP not connected");
          m.cstate = "NONE";
        }
        return true;
      }
      case "ICRQ":
        if (m.sstate !== "CONFIRMED") return invalid("PAC: ICRQ out of state");
        reach("PAC: ICRQ in state");
        m.cstate = "IN_REQ";
        m.pac_call_id = u16(p, "ICRQ.callID");
        return true;
      case "ICCN": {
        if (m.sstate !== "CONFIRMED") return invalid("PAC: ICCN out of state");
        if (m.cstate !== "IN_REP" && m.cstate !== "IN_CONF")
          return invalid("PAC: ICCN out of state");
        const pcid = u16(p, "ICCN.peersCallID");
        if (m.pns_call_id !== pcid) return invalid("PAC: ICCN out of state");
        reach("PAC: ICCN connected");
        m.cstate = "IN_CONF";
        exp_gre(m.pac_call_id, pcid);
        return true;
      }
      case "CDN":
        reach("PAC: CDN");
        m.cstate = "NONE";
        destroy_siblings();
        return true;
      case "WEN":
      case "SLI":
      case "EchoRQ":
      case "EchoRP":
        reach("PAC: echo, wan-error or set-link-info");
        return true;
      default:
        return invalid("PAC: a message only the PNS sends");
    }
  }

  /** nf_nat_pptp pptp_outbound_pkt: the field it sets and the value, or null. */
  function natOutbound(name: MessageName): [FieldName, number] | null {
    switch (name) {
      case "OCRQ":
        m.nat_pns_call_id = m.pns_call_id;
        // ct->tuplehash[IP_CT_DIR_REPLY].tuple.dst.u.tcp.port: the client's port as the
        // server sees it (source NAT keeps the port).
        m.pns_call_id = connection.tuple.reply.dport;
        return ["OCRQ.callID", m.pns_call_id];
      case "ICRP":
        return ["ICRP.callID", m.pns_call_id];
      case "CCRQ":
        return ["CCRQ.callID", m.pns_call_id];
      default:
        return null;
    }
  }

  /** nf_nat_pptp pptp_inbound_pkt: always the saved PNS id. */
  function natInbound(name: MessageName): [FieldName, number] | null {
    const field: Partial<Record<MessageName, FieldName>> = {
      OCRP: "OCRP.peersCallID",
      ICCN: "ICCN.peersCallID",
      WEN: "WEN.peersCallID",
      CDN: "CDN.callID",
      SLI: "SLI.peersCallID",
    };
    const f = field[name];
    return f === undefined ? null : [f, m.nat_pns_call_id];
  }

  return traceSegments(flow.segments, {
    expectations,
    // Two bytes for two bytes: nothing to adjust, so no sequence adjustment is needed.
    help(dir, _seq, data) {
      const accept = { verdict: "accept" as const, data };
      const reading = read(data);
      if (reading.kind === "no full header") reach("no full header");
      if (reading.kind === "not control") reach("not a control message");
      if (reading.kind === "body too short") reach("body shorter than its struct");
      if (reading.kind === "unknown type") {
        // No size check for types outside 1..15; both switches end in "invalid".
        reach("unknown message type");
      }
      if (reading.kind !== "message") return accept;
      const inState = dir === "orig" ? outbound(reading.name, data) : inbound(reading.name, data);
      if (!inState || !nat) return accept;
      const change = dir === "orig" ? natOutbound(reading.name) : natInbound(reading.name);
      if (change === null) return accept;
      reach(dir === "orig" ? "NAT: PNS call id rewritten" : "NAT: peer call id rewritten");
      return { verdict: "accept", data: withU16(data, change[0], change[1]) };
    },
  });
}

function invalid(behaviour: string): false {
  reach(behaviour);
  return false;
}

/** nf_conntrack_pptp has no module parameters. */
function checkConfig(config: Record<string, unknown> | undefined): void {
  if (config === undefined) return;
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new FlowError("pptp config must be an object");
  }
  const keys = Object.keys(config);
  if (keys.length > 0)
    throw new FlowError(`unknown pptp option "${keys[0]}" (nf_conntrack_pptp has none)`);
}

export function pptpSpec(flow: Flow): Outcome {
  return pptpSpecTrace(flow).outcome;
}
