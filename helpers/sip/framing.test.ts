import { describe, expect, it } from "vitest";
import { conntrackOf } from "../core/driver.ts";
import { expectationTableFor } from "../core/expectation-table.ts";
import type { Flow } from "../core/model.ts";
import { ascii } from "./chars.ts";
import { SipMessage } from "./connection.ts";
import { frameTcp, frameUdp } from "./framing.ts";
import { sipHelper } from "./index.ts";

function message(text: string, over: Partial<Flow> = {}, config = {}): SipMessage {
  const flow: Flow = {
    helper: "sip",
    l4: "tcp",
    client: { addr: "10.0.0.2", port: 5060 },
    server: { addr: "203.0.113.5", port: 5060 },
    segments: [],
    ...over,
  };
  const conntrack = conntrackOf(flow, 4);
  const parsed = sipHelper.parseConfig(config);
  const connection = {
    conntrack,
    config: parsed,
    state: sipHelper.newState(conntrack, parsed),
    expectations: expectationTableFor(sipHelper.policy),
  };
  const m = new SipMessage();
  m.begin(connection, "orig", ascii(text));
  return m;
}

const options = "OPTIONS sip:x SIP/2.0\r\nCSeq: 1 OPTIONS\r\nContent-Length: 2\r\n\r\nab";

describe("frameTcp", () => {
  it("walks the messages of a segment one after another", () => {
    const m = message(options + options);
    expect(frameTcp(m)).toEqual({ accept: true, seqAdjust: 0 });
    expect(m.start).toBe(options.length);
    expect(m.length).toBe(options.length);
  });
  it("processes nothing without a Content-Length or a CRLFCRLF after it", () => {
    const none = message("OPTIONS sip:x SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n");
    frameTcp(none);
    expect(none.length).toBe(0);
    const open = message("OPTIONS sip:x SIP/2.0\r\nContent-Length: 0\r\nCSeq: 1");
    frameTcp(open);
    expect(open.length).toBe(0);
  });
  it("drops the segment when one of its messages is dropped", () => {
    const bad = "INVITE sip:x SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    expect(frameTcp(message(options + bad)).accept).toBe(false);
  });
  it("records the sum of the rewrites (s16) under NAT only", () => {
    const contact =
      "OPTIONS sip:x SIP/2.0\r\nContact: <sip:10.0.0.2:5060>\r\nContent-Length: 0\r\n\r\n";
    const natted = message(contact + contact, { nat: { client: { addr: "198.51.100.100" } } });
    const framed = frameTcp(natted);
    expect(framed.seqAdjust).toBe(2 * ("198.51.100.100".length - "10.0.0.2".length));
    expect(natted.data.length).toBe(2 * contact.length + framed.seqAdjust);
  });
  it("ends without an adjustment when a message would run past the segment", () => {
    const contact =
      "OPTIONS sip:x SIP/2.0\r\nContact: <sip:10.0.0.2:5060>\r\nContent-Length: 0\r\n\r\n";
    const cut = "OPTIONS sip:x SIP/2.0\r\nContent-Length: 5\r\n\r\nab";
    const m = message(contact + cut, { nat: { client: { addr: "198.51.100.100" } } });
    expect(frameTcp(m)).toEqual({ accept: true, seqAdjust: 0 });
    expect(m.data.length).toBe(contact.length + cut.length + 6);
  });
});

describe("frameUdp", () => {
  it("takes the whole datagram as one message, ignoring short ones", () => {
    const m = message(options, { l4: "udp" });
    frameUdp(m);
    expect([m.start, m.length]).toEqual([0, options.length]);
    const short = message("SIP/2.0 20", { l4: "udp" });
    expect(frameUdp(short).accept).toBe(true);
    expect(short.length).toBe(0);
  });
});
