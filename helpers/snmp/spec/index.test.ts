// The snmp spec models against the vectors of §9 and against the fast helpers on many
// messages (the two BER readers are independent).

import { describe, expect, it } from "vitest";
import { runFlow } from "../../core/driver.ts";
import type { Flow, Segment } from "../../core/model.ts";
import { bind, int, ip, tlv } from "../ber-bytes.test-support.ts";
import { snmpHelper, snmpTrapHelper } from "../index.ts";
import { snmpSpec, snmpTrapSpec } from "./index.ts";

const message = (v: number, pduTag: number, ...binds: number[][]) =>
  tlv(0x30, int(v), tlv(0x04, [0x70]), tlv(pduTag, int(7), int(0), int(0), tlv(0x30, ...binds)));

function flow(helper: string, port: number, segments: Segment[]): Flow {
  return {
    helper,
    l4: "udp",
    client: { addr: "10.0.0.2", port: 40000 },
    server: { addr: "203.0.113.5", port },
    nat: { client: { addr: "198.51.100.1" } },
    segments,
  };
}

describe("snmp spec", () => {
  it("replaces both inside addresses of a response", () => {
    const reply = Uint8Array.from(
      message(1, 0xa2, bind(ip([10, 0, 0, 2])), bind(ip([10, 0, 0, 2]))),
    );
    const out = snmpSpec(flow("snmp", 161, [{ dir: "reply", data: reply }]));
    const want = reply.slice();
    want.set([198, 51, 100, 1], 30);
    want.set([198, 51, 100, 1], 43);
    expect(out.segments[0]).toEqual({ verdict: "accept", data: want, seq: 0 });
  });

  it("drops version 2, a v1 trap, an IpAddress of 3 bytes", () => {
    for (const bytes of [
      message(2, 0xa2),
      tlv(0x30, int(0), tlv(0x04, []), tlv(0xa4, tlv(0x06, [1]), ip([10, 0, 0, 2]))),
      message(1, 0xa2, bind(ip([10, 0, 0]))),
    ]) {
      const out = snmpTrapSpec(
        flow("snmp-trap", 162, [{ dir: "orig", data: Uint8Array.from(bytes) }]),
      );
      expect(out.segments[0].verdict).toBe("drop");
    }
  });

  it("agrees with the fast helpers on mutated messages", () => {
    const base = message(
      1,
      0xa2,
      bind(ip([10, 0, 0, 2])),
      bind(tlv(0x05, [])),
      bind(ip([10, 0, 0, 3])),
    );
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let n = 0; n < 3000; n++) {
      const bytes = Uint8Array.from(base);
      const edits = 1 + (rand() % 3);
      for (let e = 0; e < edits; e++) {
        const at = rand() % bytes.length;
        bytes[at] = [0x80, 0x81, 0x82, 0x83, 0, 0x30, 0x10, 0x40, 4, 3, 5, rand() & 0xff][
          rand() % 12
        ] as number;
      }
      const data = bytes.slice(0, bytes.length - (rand() % 4 === 0 ? rand() % 6 : 0));
      for (const [helper, port, fast, spec] of [
        ["snmp", 161, snmpHelper, snmpSpec],
        ["snmp-trap", 162, snmpTrapHelper, snmpTrapSpec],
      ] as const) {
        const f = flow(helper, port, [
          { dir: "orig", data },
          { dir: "reply", data },
        ]);
        expect(runFlow(fast, f)).toEqual(spec(f));
      }
    }
  });
});
