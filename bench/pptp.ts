// PPTP benchmark workloads. The PPTP helper reads the 12-byte headers of a segment's first
// message and a few fields of its body (call ids, result code), whatever follows, so it is
// a prefix-check helper: its floor reads the first bytes and the last byte. It keeps the
// session and call state, so the call workloads are primed with an established session.

import { pptpHelper } from "../helpers/pptp/index.ts";
import { pptpSpec } from "../helpers/pptp/spec/index.ts";
import { workloadMaker } from "./core/segments.ts";
import type { BenchSegment, BenchSuite } from "./core/workload.ts";

const CLIENT = { addr: "10.0.0.2", port: 40000 };
const SERVER = { addr: "203.0.113.5", port: 1723 };
const CLIENT_AS_SEEN = "198.51.100.7";

/** Each message's length after the 12-byte headers (RFC 2637). */
const BODY: Record<number, number> = {
  1: 144,
  2: 144,
  3: 4,
  4: 4,
  5: 4,
  6: 8,
  7: 156,
  8: 20,
  9: 208,
  10: 12,
  11: 16,
  12: 4,
  13: 136,
  14: 28,
  15: 12,
};

/** A control message of `type` with big-endian 16-bit fields at body offsets, an 8-bit
 * result at `result` (body offset, value), and `extra` bytes after it. */
function message(
  type: number,
  fields: [number, number][] = [],
  result?: [number, number],
  extra = 0,
): Uint8Array {
  const out = new Uint8Array(12 + BODY[type] + extra);
  const view = new DataView(out.buffer);
  view.setUint16(0, 12 + BODY[type]);
  view.setUint16(2, 1);
  view.setUint32(4, 0x1a2b3c4d);
  view.setUint16(8, type);
  for (const [at, value] of fields) view.setUint16(12 + at, value);
  if (result) out[12 + result[0]] = result[1];
  return out;
}

const orig = (data: Uint8Array): BenchSegment => ({ dir: "orig", data });
const reply = (data: Uint8Array): BenchSegment => ({ dir: "reply", data });

const PNS_ID = 0x0101;
const PAC_ID = 0x4000;
const SCCRQ = message(1);
const SCCRP = message(2, [], [2, 1]);
const OCRQ = message(7, [[0, PNS_ID]]);
/** The PAC names the id it saw: under NAT, the PNS's TCP port (nf_nat_pptp). */
const ocrp = (peer: number, result = 1) =>
  message(
    8,
    [
      [0, PAC_ID],
      [2, peer],
    ],
    [4, result],
  );
const ICRQ = message(9, [[0, PAC_ID]]);
const ICRP = message(
  10,
  [
    [0, PNS_ID],
    [2, PAC_ID],
  ],
  [4, 1],
);
const ICCN = message(11, [[0, PNS_ID]]);
const CCRQ = message(12, [[0, PNS_ID]]);
const CDN = message(13, [[0, PAC_ID]], [2, 1]);
const ECHO_RQ = message(5);
const ECHO_RP = message(6, [], [4, 1]);
const SLI = message(15, [[0, PNS_ID]]);

const established = workloadMaker([orig(SCCRQ), reply(SCCRP)]);
const fresh = workloadMaker();

const echo = established(
  "echo",
  "Echo-Request/Reply both ways and Set-Link-Info (an idle established session)",
  "prefix",
  [orig(ECHO_RQ), reply(ECHO_RP), reply(ECHO_RQ), orig(ECHO_RP), orig(SLI)],
);

function sized(size: number) {
  const extra = Math.max(0, size - 12 - BODY[5]);
  return [
    established("echo", "", "prefix", [
      orig(message(5, [], undefined, extra)),
      reply(message(6, [], [4, 1], Math.max(0, size - 20))),
    ]),
    established(
      "outgoing-call",
      "",
      "prefix",
      [
        orig(message(7, [[0, PNS_ID]], undefined, Math.max(0, size - 168))),
        reply(
          message(
            8,
            [
              [0, PAC_ID],
              [2, PNS_ID],
            ],
            [4, 1],
            Math.max(0, size - 32),
          ),
        ),
      ],
      2,
    ),
  ];
}

const WORKLOADS = [
  echo,
  fresh(
    "session",
    "Start-Control-Connection Request/Reply, then Stop (the session state machine)",
    "prefix",
    [orig(SCCRQ), reply(SCCRP), orig(message(3)), reply(message(4, [], [0, 1]))],
  ),
  established(
    "outgoing-call",
    "Outgoing-Call-Request and a Connected reply: two GRE expectations (replacing the last cycle's)",
    "prefix",
    [orig(OCRQ), reply(ocrp(PNS_ID))],
    2,
  ),
  established(
    "outgoing-call-cleared",
    "an outgoing call, Call-Clear-Request and Call-Disconnect-Notify (the expectations withdrawn)",
    "prefix",
    [orig(OCRQ), reply(ocrp(PNS_ID)), orig(CCRQ), reply(CDN)],
    2,
  ),
  established(
    "incoming-call",
    "Incoming-Call Request/Reply/Connected: two GRE expectations",
    "prefix",
    [reply(ICRQ), orig(ICRP), reply(ICCN), reply(CDN)],
    2,
  ),
  established(
    "outgoing-call-refused",
    "an Outgoing-Call-Reply with result 2 (General error): nothing expected",
    "prefix",
    [orig(OCRQ), reply(ocrp(PNS_ID, 2))],
  ),
  established(
    "nat-outgoing-call",
    "an outgoing call under source NAT: the PNS's call id rewritten both ways",
    "prefix",
    [orig(OCRQ), reply(ocrp(CLIENT.port)), orig(CCRQ), reply(CDN)],
    2,
    true,
  ),
  fresh(
    "not-control",
    "segments with a wrong magic cookie and cut messages (never read)",
    "prefix",
    [
      orig(Uint8Array.of(...SCCRQ.subarray(0, 7), 0)),
      orig(SCCRQ.subarray(0, 40)),
      reply(SCCRP.subarray(0, 11)),
    ],
  ),
  established(
    "max-segment-64k",
    "a 65000-byte segment starting with Set-Link-Info (only its first message is read)",
    "prefix",
    [orig(message(15, [[0, PNS_ID]], undefined, 65000 - 24))],
  ),
];

export const pptpBenchSuite: BenchSuite = {
  name: "pptp",
  helper: pptpHelper,
  spec: pptpSpec,
  connection: (w) => ({
    helper: "pptp",
    l4: "tcp",
    client: CLIENT,
    server: SERVER,
    ...(w.nat ? { nat: { client: { addr: CLIENT_AS_SEEN } } } : {}),
  }),
  workloads: WORKLOADS,
  sized,
  perConnection: echo,
};
