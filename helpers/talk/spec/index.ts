// The reference spec model of the seed's talk/ntalk helper: patch-o-matic ip_conntrack_talk
// + ip_nat_talk by Jozsef Kadlecsik (Linux 2.4), with the 2.4 expectation rules of
// ip_conntrack_core.c. Written from those sources and <protocols/talkd.h> for obviousness
// (docs/talk.md quotes every line used); there is no kernel oracle. It turns a whole flow
// into an outcome, datagram by datagram: first what conntrack's helper does, then what the
// NAT helper does to the same datagram.

import type { Expectation, Flow, Outcome, Trace } from "../../core/model.ts";
import { FlowError } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { connectionOf } from "../../spec-core/connection.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import type { HelperResult } from "../../spec-core/segment-loop.ts";
import { traceSegments } from "../../spec-core/segment-loop.ts";
import { readTalkConfig, type TalkSpecConfig } from "./config.ts";
import {
  NTALK_MSG,
  NTALK_RESPONSE,
  NTALK2_RESPONSE,
  type OSockAddr,
  readStructure,
  type Structure,
  sizeOf,
  TALK_MSG,
  TALK_RESPONSE,
  writeStructure,
} from "./wire.ts";

const TALK_PORT = 517;
const NTALK_PORT = 518;
const NTALK_VERSION = 1;
const NTALK2_VERSION = 2;
const LOOK_UP = 1;
const ANNOUNCE = 3;
const SUCCESS = 0;
const INADDR_ANY = "0.0.0.0";
/** lookup_helpers[] and talk_helpers[]: `1,` in the max_expected slot. */
const TALK_MAX_EXPECTED = 1;

type Layout = typeof TALK_MSG;

/** ip_nat_talk talk_help(), IP_CT_DIR_ORIGINAL branch: which request layout, if any. */
function requestLayout(data: Uint8Array, talkPort: number, config: TalkSpecConfig): Layout | null {
  if (talkPort === TALK_PORT) {
    // `udplen == sizeof(struct udphdr) + sizeof(struct talk_msg)`
    if (data.length !== sizeOf(TALK_MSG)) return null;
    reach("NAT: talk request rewritten");
    return TALK_MSG;
  }
  // `ntalk && udplen == ... sizeof(struct ntalk_msg) && vers == NTALK_VERSION`
  if (data.length === sizeOf(NTALK_MSG) && data[0] === NTALK_VERSION) {
    if (config.ntalk) {
      reach("NAT: ntalk request rewritten");
      return NTALK_MSG;
    }
    reach("ntalk off: an ntalk request not recognised");
  }
  // `ntalk2 && udplen >= ... sizeof(struct ntalk2_msg) && vers == NTALK2_VERSION &&
  //  udplen == ... sizeof(struct ntalk2_msg) + extended`
  const message = readStructure(data, NTALK_MSG);
  if (
    message !== null &&
    message.vers === NTALK2_VERSION &&
    data.length === sizeOf(NTALK_MSG) + (message.extended as number)
  ) {
    if (config.ntalk2) {
      reach("NAT: ntalk2 request rewritten");
      return NTALK_MSG;
    }
    reach("ntalk2 off: an ntalk2 request not recognised");
  }
  return null;
}

/** ip_conntrack_talk talk_help() (the reply-direction test of ip_nat_talk is the same):
 * which answer layout, if any. */
function answerLayout(data: Uint8Array, talkPort: number, config: TalkSpecConfig): Layout | null {
  if (talkPort === TALK_PORT) {
    // `talk_port == TALK_PORT && udplen == ... sizeof(struct talk_response)`
    if (data.length !== sizeOf(TALK_RESPONSE)) return null;
    reach("talk answer");
    return TALK_RESPONSE;
  }
  // `ntalk && udplen == ... sizeof(struct ntalk_response) && vers == NTALK_VERSION`
  if (data.length === sizeOf(NTALK_RESPONSE) && data[0] === NTALK_VERSION) {
    if (config.ntalk) {
      reach("ntalk answer");
      return NTALK_RESPONSE;
    }
    reach("ntalk off: an ntalk answer not recognised");
  }
  // `ntalk2 && udplen >= ... sizeof(struct ntalk2_response) && vers == NTALK2_VERSION`
  if (data.length >= sizeOf(NTALK2_RESPONSE) && data[0] === NTALK2_VERSION) {
    if (config.ntalk2) {
      reach(
        data.length === sizeOf(NTALK2_RESPONSE)
          ? "ntalk2 answer"
          : "ntalk2 answer with bytes after it",
      );
      return NTALK2_RESPONSE;
    }
    reach("ntalk2 off: an ntalk2 answer not recognised");
  }
  return null;
}

/** An expectation of 2.4 ip_conntrack_expect: its tuple, the helper's exp_talk_info.port,
 * and ct_tuple (set when ip_conntrack_change_expect first moves it). */
interface TalkExpectation {
  tuple: Expectation;
  talkInfoPort: number;
  seenBefore: boolean;
}

function sameTuple(a: Expectation, b: Expectation): boolean {
  return a.l4 === b.l4 && a.src === b.src && a.dst === b.dst && a.dport === b.dport;
}

/** 2.4 expect_clash under the talk masks (src ip, dst ip, dst port, protocol exact; src
 * port wildcard). */
function clash(a: Expectation, b: Expectation): boolean {
  return sameTuple(a, b);
}

/** 2.4 ip_conntrack_change_expect: "Never seen before" moves it unless the new tuple
 * clashes with an expectation (itself included); a "Resent packet" only accepts its own
 * tuple ("Force NAT to choose again the same port"). */
function changeExpect(
  expectation: TalkExpectation,
  newTuple: Expectation,
  live: readonly Expectation[],
): boolean {
  if (!expectation.seenBefore) {
    if (!sameTuple(expectation.tuple, newTuple) && live.some((e) => clash(e, newTuple))) {
      return false;
    }
    expectation.tuple = newTuple;
    expectation.seenBefore = true;
    return true;
  }
  return sameTuple(expectation.tuple, newTuple);
}

export function talkSpecTrace(flow: Flow): Trace {
  // Registered for AF_INET only (struct talk_addr holds an IPv4 address).
  const connection = connectionOf(flow, { helper: "talk", l4: "udp", ipv4Only: true });
  const config = readTalkConfig(flow.config);
  const { orig, reply } = connection.tuple;
  // The helpers' tuple: `.src.u.udp.port = htons(TALK_PORT)` / `htons(NTALK_PORT)` only.
  const talkPort = orig.dport;
  if (talkPort !== TALK_PORT && talkPort !== NTALK_PORT) {
    throw new FlowError(`talk: the helpers are on UDP 517 and 518, not ${talkPort}`);
  }
  // init(): `if (talk > 0)` registers 517, `if (ntalk > 0 || ntalk2 > 0)` registers 518.
  const registered = talkPort === TALK_PORT ? config.talk : config.ntalk || config.ntalk2;
  // help/nhelp pass ANNOUNCE; lookup_help/lookup_nhelp pass LOOK_UP.
  const mode = config.mode === "lookup" ? LOOK_UP : ANNOUNCE;
  reach(`port ${talkPort}, ${config.mode === "lookup" ? "LOOK_UP" : "ANNOUNCE"} helper`);
  const expectations = new ExpectationList(TALK_MAX_EXPECTED);
  // The master's one unestablished expectation (nothing in a flow ever establishes it).
  let waiting: TalkExpectation | null = null;

  /** ip_conntrack_talk talk_help_response(), dir = IP_CT_DIR_REPLY. */
  function conntrackAnswer(answer: Structure): TalkExpectation | null {
    // `if (!(answer == SUCCESS && type == mode)) return NF_ACCEPT;`
    if (!(answer.answer === SUCCESS && answer.type === mode)) {
      reach("answer not a success of the helper's type: nothing expected");
      return null;
    }
    const addr = answer.addr as OSockAddr;
    const candidate: TalkExpectation =
      answer.type === ANNOUNCE
        ? {
            // "expect callee client -> caller server message":
            // { tuplehash[dir].src.ip, {0} } -> { tuplehash[dir].dst.ip, htons(talk_port) }, UDP
            tuple: { l4: "udp", src: reply.src, sport: null, dst: reply.dst, dport: talkPort },
            // `exp_talk_info->port = htons(talk_port);`
            talkInfoPort: talkPort,
            seenBefore: false,
          }
        : {
            // "expect callee client -> caller client connection":
            // { tuplehash[!dir].src.ip, {0} } -> { addr->ta_addr, { addr->ta_port } }, TCP
            tuple: { l4: "tcp", src: orig.src, sport: null, dst: addr.ip, dport: addr.port },
            // `exp_talk_info->port = addr->ta_port;`
            talkInfoPort: addr.port,
            seenBefore: false,
          };
    // 2.4 ip_conntrack_expect_related: an identical one is refreshed (-EEXIST), any other
    // refused at max_expected without IP_CT_HELPER_F_REUSE_EXPECT (-EPERM). Either way
    // "Ignore failure" and accept.
    if (waiting !== null) {
      reach("answer while an expectation waits: nothing new expected");
      return null;
    }
    reach(
      answer.type === ANNOUNCE
        ? "ANNOUNCE success: the callee's datagrams to the talk port expected"
        : "LOOK_UP success: a TCP connection to the named address expected",
    );
    return candidate;
  }

  /** ip_nat_talk talk_help_response(): `exp` is the master's unestablished expectation
   * (do_bindings walks the sibling list; with none, IP_NAT_HELPER_F_ALWAYS passes NULL). */
  function natAnswer(data: Uint8Array, layout: Layout, answer: Structure): HelperResult {
    const accept = { verdict: "accept" as const, data };
    const type = answer.type as number;
    // `if (!(answer == SUCCESS && (type == LOOK_UP || type == ANNOUNCE) && exp != NULL))`
    if (!(answer.answer === SUCCESS && (type === LOOK_UP || type === ANNOUNCE))) {
      reach("NAT: answer not a successful LOOK_UP or ANNOUNCE: unchanged");
      return accept;
    }
    if (waiting === null) {
      reach("NAT: answer with no expectation waiting: unchanged");
      return accept;
    }
    // `newip = ct->tuplehash[type == LOOK_UP ? IP_CT_DIR_ORIGINAL : IP_CT_DIR_REPLY]
    //  .tuple.dst.ip;`
    const newIp = type === LOOK_UP ? orig.dst : reply.dst;
    // `for (port = ntohs(ct_talk_info->port); port != 0; port++)`: u_int16_t wraps to 0.
    let port = waiting.talkInfoPort;
    const seenBefore = waiting.seenBefore;
    if (port === 0) reach("NAT: expectation's port 0, dropped");
    for (; port !== 0; port = (port + 1) & 0xffff) {
      const moved: Expectation = { ...waiting.tuple, dst: newIp, dport: port };
      if (changeExpect(waiting, moved, expectations.live)) break;
    }
    // `if (port == 0 || !mangle_packet(...)) return NF_DROP;`
    if (port === 0) {
      if (waiting.talkInfoPort !== 0)
        reach("NAT: resent answer of the other type, no port fits, dropped");
      return { verdict: "drop", data };
    }
    reach(
      seenBefore
        ? "NAT: resent answer, the expectation stays where it is"
        : "NAT: expectation moved on its first answer",
    );
    // mangle_packet, response: `if (addr->ta_addr == INADDR_ANY) return 1;`
    const addr = answer.addr as OSockAddr;
    if (addr.ip === INADDR_ANY) {
      reach("NAT: answer names INADDR_ANY: not rewritten");
      return accept;
    }
    reach("NAT: answer's address rewritten");
    const rewritten = { ...answer, addr: { ...addr, ip: newIp, port } };
    return { verdict: "accept", data: writeStructure(data, layout, rewritten) };
  }

  /** ip_nat_talk talk_help_msg() + mangle_packet(), message branch. */
  function natRequest(data: Uint8Array, layout: Layout): HelperResult {
    const message = readStructure(data, layout) as Structure;
    const addr = message.addr as OSockAddr;
    const ctlAddr = message.ctl_addr as OSockAddr;
    // `newip = ct->tuplehash[IP_CT_DIR_REPLY].tuple.dst.ip;
    //  port  = ct->tuplehash[IP_CT_DIR_REPLY].tuple.dst.u.udp.port;`
    reach(
      addr.ip === INADDR_ANY
        ? "NAT: request names INADDR_ANY: only ctl_addr rewritten"
        : "NAT: request's addr and ctl_addr rewritten",
    );
    const rewritten: Structure = {
      ...message,
      // `if (addr->ta_addr != INADDR_ANY) addr->ta_addr = ...tuplehash[REPLY].tuple.dst.ip;`
      addr: addr.ip === INADDR_ANY ? addr : { ...addr, ip: reply.dst },
      // `ctl_addr->ta_addr = newip; ctl_addr->ta_port = port;`
      ctl_addr: { ...ctlAddr, ip: reply.dst, port: reply.dport },
    };
    return { verdict: "accept", data: writeStructure(data, layout, rewritten) };
  }

  return traceSegments(flow.segments, {
    expectations,
    // UDP: no sequence adjustment.
    help(dir, _seq, data) {
      const accept = { verdict: "accept" as const, data };
      // No helper on this port: conntrack and NAT leave every datagram alone.
      if (!registered) {
        reach("no helper on this port (module parameters off)");
        return accept;
      }
      if (dir === "orig") {
        // ip_conntrack_talk: `if (dir == IP_CT_DIR_ORIGINAL) return NF_ACCEPT;`
        if (!connection.natted) {
          reach("request: not examined without NAT");
          return accept;
        }
        const layout = requestLayout(data, talkPort, config);
        // "not talk/ntalk2 message" → `return NF_DROP;`
        if (layout === null) {
          reach("NAT: request not a talk, ntalk or ntalk2 message, dropped");
          return { verdict: "drop", data };
        }
        return natRequest(data, layout);
      }
      const layout = answerLayout(data, talkPort, config);
      if (layout === null) {
        reach(
          connection.natted
            ? "NAT: answer not a talk, ntalk or ntalk2 response, dropped"
            : "answer not a talk, ntalk or ntalk2 response: ignored",
        );
        return connection.natted ? { verdict: "drop", data } : accept;
      }
      const answer = readStructure(data, layout) as Structure;
      const created = conntrackAnswer(answer);
      if (created !== null) waiting = created;
      const result = connection.natted ? natAnswer(data, layout, answer) : accept;
      // Recorded once the NAT half has moved it: no packet can match in between.
      if (created !== null) expectations.insert(created.tuple);
      return result;
    },
  });
}

export function talkSpec(flow: Flow): Outcome {
  return talkSpecTrace(flow).outcome;
}
