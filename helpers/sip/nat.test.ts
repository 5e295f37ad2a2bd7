import { describe, expect, it } from "vitest";
import { addressBytes } from "../core/address.ts";
import { conntrackOf } from "../core/driver.ts";
import { expectationTableFor } from "../core/expectation-table.ts";
import type { Dir, Flow } from "../core/model.ts";
import { ascii } from "./chars.ts";
import { SipMessage } from "./connection.ts";
import { sipHelper } from "./index.ts";
import { mapAddr, natMessage } from "./nat.ts";

const C = "10.0.0.2";
const S = "203.0.113.5";
const N = "198.51.100.7";

function message(text: string, dir: Dir = "orig", over: Partial<Flow> = {}): SipMessage {
  const flow: Flow = {
    helper: "sip",
    l4: "udp",
    client: { addr: C, port: 5070 },
    server: { addr: S, port: 5060 },
    nat: { client: { addr: N } },
    segments: [],
    ...over,
  };
  const conntrack = conntrackOf(flow, 4);
  const config = sipHelper.parseConfig({});
  const connection = {
    conntrack,
    config,
    state: sipHelper.newState(conntrack, config),
    expectations: expectationTableFor(sipHelper.policy),
  };
  const m = new SipMessage();
  m.begin(connection, dir, ascii(text));
  m.start = 0;
  m.length = text.length;
  return m;
}
const out = (m: SipMessage) => String.fromCharCode(...m.data);

describe("mapAddr", () => {
  it("maps the sender's source to what the peer sees, the receiver's destination back", () => {
    const sent = message(`x ${C}:5070 y`);
    mapAddr(sent, 2, 13, addressBytes(C), 5070);
    expect(out(sent)).toBe(`x ${N}:5070 y`);
    const back = message(`x ${N}:5070 y`, "reply");
    mapAddr(back, 2, 17, addressBytes(N), 5070);
    expect(out(back)).toBe(`x ${C}:5070 y`);
  });
  it("leaves other addresses, other ports and unchanged mappings alone", () => {
    for (const [text, addr, port] of [
      [`x ${C}:5060 y`, C, 5060],
      [`x 192.0.2.1:5070 y`, "192.0.2.1", 5070],
      [`x ${S}:5060 y`, S, 5060],
    ] as const) {
      const m = message(text);
      mapAddr(m, 2, text.length - 4, addressBytes(addr), port);
      expect(out(m)).toBe(text);
    }
  });
  it("gives the receiver forced_dport as its port", () => {
    const m = message(`x ${S}:5060 y`);
    m.state.forcedDport = 5062;
    mapAddr(m, 2, 16, addressBytes(S), 5060);
    expect(out(m)).toBe(`x ${S}:5062 y`);
  });
});

describe("natMessage", () => {
  it("rewrites the top Via's maddr= and received= of the connection's transport only", () => {
    const text = `SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP ${N}:5070;received=${N};maddr=${N}\r\nCSeq: 1 X\r\n\r\n`;
    const m = message(text, "reply");
    expect(natMessage(m)).toBe(true);
    expect(out(m)).toContain(`Via: SIP/2.0/UDP ${C}:5070;received=${C};maddr=${N}\r\n`);
    const tcpVia = text.replace("UDP", "TCP");
    const untouched = message(tcpVia, "reply");
    natMessage(untouched);
    expect(out(untouched)).toBe(tcpVia);
  });
  it("drops a TCP reply once forced_dport is set", () => {
    const m = message("SIP/2.0 200 OK\r\nCSeq: 1 X\r\n\r\n", "reply", { l4: "tcp" });
    m.state.forcedDport = 5062;
    expect(natMessage(m)).toBe(false);
  });
  it("misses a second Contact of a list after a shrinking rewrite (the kernel's stale offset)", () => {
    const longClient = "10.100.200.222";
    const text = `OPTIONS sip:x SIP/2.0\r\nContact: <sip:${longClient}:5070>,<sip:${longClient}:5070>\r\n\r\n`;
    const m = message(text, "orig", { client: { addr: longClient, port: 5070 } });
    natMessage(m);
    expect(out(m)).toContain(`<sip:${N}:5070>,<sip:${longClient}:5070>`);
  });
});
