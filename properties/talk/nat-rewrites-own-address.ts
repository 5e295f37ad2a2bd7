// Talk's NAT property: under source NAT (ip_nat_talk mangle_packet) a forwarded datagram
// keeps its size and layout, and only address words change: in a request the addr's
// ta_addr (when not INADDR_ANY) and the whole ctl_addr become the client as the daemon
// sees it (`ct->tuplehash[IP_CT_DIR_REPLY].tuple.dst`), so the inside address never reaches
// the daemon in ctl_addr; in an answer only addr's ta_port/ta_addr change, to the caller's
// NAT address (ANNOUNCE) or the daemon's own address (LOOK_UP).

import type fc from "fast-check";
import { canonicalAddress } from "../../helpers/core/address.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { bytesText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";
import { LAYOUT } from "./talk-bytes.ts";
import { answerFlavour, messageFlavour, talkOptions } from "./talk-reading.ts";

const ip = (d: Uint8Array, at: number) => `${d[at]}.${d[at + 1]}.${d[at + 2]}.${d[at + 3]}`;
const port = (d: Uint8Array, at: number) => (d[at] << 8) | d[at + 1];

/** Throws unless input and output differ only inside the given [start, end) spans. */
function onlyWithin(input: Uint8Array, output: Uint8Array, spans: [number, number][]): void {
  for (let i = 0; i < input.length; i++) {
    if (input[i] === output[i]) continue;
    if (!spans.some(([start, end]) => i >= start && i < end)) {
      throw new Error(`byte ${i} changed outside the address words`);
    }
  }
}

function checkRequest(flow: Flow, input: Uint8Array, output: Uint8Array, seenClient: string): void {
  const options = talkOptions(flow);
  const flavour = messageFlavour(input, options);
  if (flavour === null || messageFlavour(output, options) !== flavour) {
    throw new Error("a datagram that is no request of a layout the helper takes was rewritten");
  }
  const { addr, ctlAddr } = LAYOUT[flavour].message;
  onlyWithin(input, output, [
    [addr + 4, addr + 8],
    [ctlAddr + 2, ctlAddr + 8],
  ]);
  const addrIp = ip(output, addr + 4);
  if (addrIp !== ip(input, addr + 4) && addrIp !== seenClient) {
    throw new Error(`addr now names ${addrIp}, not the client's NAT address ${seenClient}`);
  }
  const ctl = `${ip(output, ctlAddr + 4)}:${port(output, ctlAddr + 2)}`;
  if (ctl !== `${seenClient}:${flow.client.port}`) {
    throw new Error(`ctl_addr is ${ctl}, not the client as the daemon sees it`);
  }
}

function checkAnswer(flow: Flow, input: Uint8Array, output: Uint8Array, seenClient: string): void {
  const options = talkOptions(flow);
  const flavour = answerFlavour(input, options);
  if (flavour === null || answerFlavour(output, options) !== flavour) {
    throw new Error("a datagram that is no answer of a layout the helper takes was rewritten");
  }
  const { addr, type } = LAYOUT[flavour].answer;
  onlyWithin(input, output, [[addr + 2, addr + 8]]);
  const wanted = input[type] === 1 ? canonicalAddress(flow.server.addr) : seenClient;
  const named = ip(output, addr + 4);
  if (named !== wanted) throw new Error(`addr now names ${named}, not ${wanted}`);
}

export function natRewritesOwnAddress(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "nat-rewrites-own-address",
    description:
      "Under NAT a forwarded datagram keeps its size and layout; only addr/ctl_addr words change, to the client's NAT address (requests, ANNOUNCE answers) or the daemon's address (LOOK_UP answers), and every forwarded request carries ctl_addr = the client as the daemon sees it.",
    arbitrary: flows,
    check(flow, { target }) {
      const seenClient = canonicalAddress(flow.nat?.client.addr ?? flow.client.addr);
      if (seenClient === canonicalAddress(flow.client.addr)) return;
      const options = talkOptions(flow);
      target.run(flow).segments.forEach((s, i) => {
        const input = flow.segments[i]?.data;
        if (!input || s.verdict !== "accept") return;
        const shown = () =>
          `segment #${i} "${bytesText(input)}" forwarded as "${bytesText(s.data)}"`;
        try {
          if (s.data.length !== input.length) throw new Error("its size changed");
          const isRequest = flow.segments[i].dir === "orig";
          const unchanged = input.every((b, k) => b === s.data[k]);
          if (isRequest && options.registered && messageFlavour(input, options) !== null) {
            checkRequest(flow, input, s.data, seenClient);
          } else if (!unchanged) {
            if (isRequest) throw new Error("a datagram that is no request was rewritten");
            checkAnswer(flow, input, s.data, seenClient);
          }
        } catch (error) {
          throw new Error(`${shown()}: ${(error as Error).message}`);
        }
      });
    },
  };
}
