// The snmp and snmp-trap helpers through the core driver (kernel-helpers.md §9 and the
// 6.18 nf_nat_snmp_basic_main.c help()).

import { describe, expect, it } from "vitest";
import { runFlow } from "../core/driver.ts";
import type { Flow, Segment } from "../core/model.ts";
import { bind, int, ip, tlv } from "./ber-bytes.test-support.ts";
import { snmpHelper, snmpTrapHelper } from "./index.ts";

const C = [10, 0, 0, 2];
const N = [198, 51, 100, 1];
const OTHER = [10, 0, 0, 3];

const message = (pduTag: number, ...binds: number[][]) =>
  Uint8Array.from(
    tlv(0x30, int(1), tlv(0x04, [0x70]), tlv(pduTag, int(7), int(0), int(0), tlv(0x30, ...binds))),
  );

function flow(helper: string, port: number, segments: Segment[], natted = true): Flow {
  return {
    helper,
    l4: "udp",
    client: { addr: "10.0.0.2", port: 40000 },
    server: { addr: "203.0.113.5", port },
    ...(natted ? { nat: { client: { addr: "198.51.100.1" } } } : {}),
    segments,
  };
}

const replace = (bytes: Uint8Array, from: number[], to: number[]) => {
  const out = bytes.slice();
  for (let i = 0; i + 6 <= out.length; i++) {
    if (out[i] === 0x40 && out[i + 1] === 4 && from.every((b, k) => out[i + 2 + k] === b)) {
      out.set(to, i + 2);
    }
  }
  return out;
};

describe("snmp helper (port 161)", () => {
  it("replaces every inside IpAddress of a NATed response, leaves the others", () => {
    const reply = message(0xa2, bind(ip(C)), bind(ip(OTHER)), bind(ip(C)));
    const outcome = runFlow(snmpHelper, flow("snmp", 161, [{ dir: "reply", data: reply }]));
    expect(outcome.segments[0].verdict).toBe("accept");
    expect(outcome.segments[0].data).toEqual(replace(reply, C, N));
    expect(outcome.expectations).toEqual([]);
  });

  it("also translates a request the client sends (not from 161, not to 162)", () => {
    const request = message(0xa3, bind(ip(C)));
    const outcome = runFlow(snmpHelper, flow("snmp", 161, [{ dir: "orig", data: request }]));
    expect(outcome.segments[0].data).toEqual(replace(request, C, N));
  });

  it("drops a malformed message on a NATed connection, in either direction", () => {
    const bad = message(0xa2, bind(tlv(0x40, [10, 0, 0])));
    const outcome = runFlow(
      snmpHelper,
      flow("snmp", 161, [
        { dir: "orig", data: bad },
        { dir: "reply", data: bad },
      ]),
    );
    expect(outcome.segments.map((s) => s.verdict)).toEqual(["drop", "drop"]);
    expect(outcome.segments[1].data).toEqual(bad);
  });

  it("does nothing without NAT, malformed or not", () => {
    const bad = Uint8Array.of(0x30, 0x05);
    const outcome = runFlow(snmpHelper, flow("snmp", 161, [{ dir: "reply", data: bad }], false));
    expect(outcome.segments[0]).toEqual({ verdict: "accept", data: bad, seq: 0 });
  });

  it("a request FROM port 161 in the ORIGINAL direction is not looked at", () => {
    const bad = Uint8Array.of(0x30, 0x05);
    const f = flow("snmp", 161, [{ dir: "orig", data: bad }]);
    f.client.port = 161;
    const outcome = runFlow(snmpHelper, f);
    expect(outcome.segments[0].verdict).toBe("accept");
  });

  it("expects replies on a local broadcast request and still translates", () => {
    const f = flow("snmp", 161, [{ dir: "orig", data: message(0xa0, bind(tlv(0x05, []))) }], false);
    f.server.addr = "10.0.0.255";
    f.config = {
      localOut: true,
      broadcastRoute: true,
      device: [{ broadcast: "10.0.0.255", prefixLen: 24 }],
    };
    const outcome = runFlow(snmpHelper, f);
    expect(outcome.expectations).toEqual([
      {
        l4: "udp",
        src: "10.0.0.255",
        sport: 161,
        dst: "10.0.0.2",
        dport: 40000,
        srcMask: 24,
        permanent: true,
      },
    ]);
  });
});

describe("snmp-trap helper (port 162)", () => {
  it("replaces the inside address in a v2 trap sent to 162", () => {
    const trap = message(0xa7, bind(tlv(0x43, [1])), bind(ip(C)));
    const outcome = runFlow(snmpTrapHelper, flow("snmp-trap", 162, [{ dir: "orig", data: trap }]));
    expect(outcome.segments[0].data).toEqual(replace(trap, C, N));
  });

  it("drops a v1 trap (PDU [4] is not in the 6.18 grammar)", () => {
    const trap = Uint8Array.from(
      tlv(
        0x30,
        int(0),
        tlv(0x04, [0x70]),
        tlv(0xa4, tlv(0x06, [0x2b]), ip(C), int(6), int(1), tlv(0x43, [1]), tlv(0x30)),
      ),
    );
    const outcome = runFlow(snmpTrapHelper, flow("snmp-trap", 162, [{ dir: "orig", data: trap }]));
    expect(outcome.segments[0].verdict).toBe("drop");
  });

  it("a packet from 162 in the REPLY direction is translated (only TO 162 is gated)", () => {
    const bad = Uint8Array.of(0x30, 0x05);
    const outcome = runFlow(snmpTrapHelper, flow("snmp-trap", 162, [{ dir: "reply", data: bad }]));
    expect(outcome.segments[0].verdict).toBe("drop");
  });

  it("takes no options and never throws on bytes", () => {
    expect(() => snmpTrapHelper.parseConfig({ timeout: 3 })).toThrow(/unknown snmp-trap option/);
    for (let n = 0; n < 300; n++) {
      const bytes = Uint8Array.from({ length: n % 40 }, (_, i) => (i * 37 + n * 11) & 0xff);
      bytes[0] = 0x30;
      expect(() =>
        runFlow(snmpTrapHelper, flow("snmp-trap", 162, [{ dir: "orig", data: bytes }])),
      ).not.toThrow();
    }
  });
});
