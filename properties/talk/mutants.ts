// Planted bugs in the talk helper: each breaks one talk rule. The universal ones come from
// properties/core/generic-mutants.ts, except the two a helper that never creates a second
// expectation cannot show (max-live-expectations, live-expectations-match): talk's own
// versions are here.

import { parseIPv4 } from "../../helpers/core/address.ts";
import { runFlow, traceFlow } from "../../helpers/core/driver.ts";
import type { HelperDefinition, Packet } from "../../helpers/core/helper.ts";
import type { Expectation } from "../../helpers/core/model.ts";
import { type TalkConfig, type TalkState, talkHelper } from "../../helpers/talk/index.ts";
import type { SyncTarget } from "../core/property.ts";

type TalkDefinition = HelperDefinition<TalkConfig, TalkState>;

function buggy(name: string, helper: TalkDefinition): SyncTarget {
  return { name, run: (flow) => runFlow(helper, flow), trace: (flow) => traceFlow(helper, flow) };
}

const withByte = (packet: Packet, at: number, value: number): Packet => {
  const data = Uint8Array.from(packet.data);
  data[at] = value;
  return { ...packet, data };
};

/** Where type and answer sit in an answer of the connection's port. */
const answerAt = (state: TalkState) => (state.talkPort === 517 ? 1 : 2);

/** Takes an ntalk2 answer only at exactly 36 bytes (the source takes any length from 36). */
export const ntalk2AnswerExactLength = buggy("ntalk2-answer-exact-length", {
  ...talkHelper,
  process(connection, packet) {
    const d = packet.data;
    const longNtalk2 = connection.state.talkPort === 518 && d.length > 36 && d[0] === 2;
    if (packet.dir === "reply" && longNtalk2) {
      return connection.conntrack.natted ? { verdict: "drop" } : { verdict: "accept" };
    }
    return talkHelper.process(connection, packet);
  },
});

/** Opens the pinhole whatever the answer code (NOT_HERE, PERMISSION_DENIED, ...). */
export const ignoresAnswerCode = buggy("ignores-answer-code", {
  ...talkHelper,
  process(connection, packet) {
    const at = answerAt(connection.state);
    if (packet.dir !== "reply" || packet.data.length <= at) {
      return talkHelper.process(connection, packet);
    }
    return talkHelper.process(connection, withByte(packet, at, 0));
  },
});

/** Reads answers from the client too: a client that sends "SUCCESS" opens a pinhole. */
export const readsClientAnswers = buggy("reads-client-answers", {
  ...talkHelper,
  process(connection, packet) {
    if (packet.dir === "orig" && !connection.conntrack.natted) {
      return talkHelper.process(connection, { ...packet, dir: "reply" });
    }
    return talkHelper.process(connection, packet);
  },
});

/** Expects the ANNOUNCE callee at the caller's own client port instead of the talk port. */
export const announceToClientPort = buggy("announce-to-client-port", {
  ...talkHelper,
  process(connection, packet) {
    const sink = connection.expectations;
    return talkHelper.process(
      {
        ...connection,
        expectations: {
          expect: (e) =>
            sink.expect(e.l4 === "udp" ? { ...e, dport: connection.conntrack.orig.sport } : e),
          remove: (match, limit) => sink.remove(match, limit),
          find: (match) => sink.find(match),
        },
      },
      packet,
    );
  },
});

/** Under NAT, fills requests' addr and ctl_addr with the client's inside address (what it
 * was before NAT). */
export const ctlAddrFromInside = buggy("ctl-addr-from-inside", {
  ...talkHelper,
  process(connection, packet) {
    const { state } = connection;
    if (packet.dir !== "orig") return talkHelper.process(connection, packet);
    const seen = state.seenClientBytes;
    state.seenClientBytes = parseIPv4(connection.conntrack.orig.src) ?? seen;
    const result = talkHelper.process(connection, packet);
    state.seenClientBytes = seen;
    return result;
  },
});

/** Forgets that an expectation waits: every successful answer adds one, and nothing is
 * evicted (a table without max_expected). */
export const expectsEveryAnswer: SyncTarget = (() => {
  const helper: TalkDefinition = {
    ...talkHelper,
    policy: { ...talkHelper.policy, maxExpected: 0 },
    process(connection, packet) {
      if (packet.dir === "reply") connection.state.waiting = null;
      return talkHelper.process(connection, packet);
    },
  };
  return buggy("expects-every-answer", helper);
})();

/** Lets the waiting expectation go when the daemon's next answer is not a SUCCESS (as if a
 * NOT_HERE cancelled the invitation): the same creations, a different live table. */
export const failedAnswerCancels: SyncTarget = {
  name: "failed-answer-cancels",
  run: (flow) => runFlow(talkHelper, flow),
  trace(flow) {
    const trace = traceFlow(talkHelper, flow);
    let cancelled = false;
    const liveAfter = trace.liveAfter.map((live: Expectation[], i) => {
      const s = flow.segments[i];
      const code = flow.server.port === 517 ? s.data[1] : s.data[2];
      if (live.length > 0 && s.dir === "reply" && s.data.length >= 24 && code !== 0)
        cancelled = true;
      return cancelled ? [] : live;
    });
    return { outcome: trace.outcome, liveAfter };
  },
};

/** Under NAT, moves a LOOK_UP answer's addr to the caller's NAT address as for ANNOUNCE
 * (newip from tuplehash[REPLY] whatever the type); the pinhole itself still moves right. */
export const lookUpAnswerToNatAddress = buggy("look-up-answer-to-nat-address", {
  ...talkHelper,
  newState(conntrack, config) {
    const state = talkHelper.newState(conntrack, config);
    return { ...state, serverBytes: state.seenClientBytes };
  },
});
