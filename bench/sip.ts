// SIP benchmark workloads. The SIP helper must find headers anywhere in a message (CSeq
// for every handled request and every response, Content-Length for every TCP segment, the
// SDP's v= line for calls), so every workload's floor is a scan of the whole message.
// UDP: one message per datagram, no stream position; the TCP workload carries two
// messages per segment.

import type { Flow, Outcome } from "../helpers/core/model.ts";
import { helperRegistry } from "../helpers/registry.ts";
import { sipHelper } from "../helpers/sip/index.ts";
import { orig, reply, sizedText, workloadMaker } from "./core/segments.ts";
import type { BenchSuite, Workload } from "./core/workload.ts";

const C = "10.0.0.2";
const S = "203.0.113.5";
const CLIENT = { addr: C, port: 5060 };
const SERVER = { addr: S, port: 5060 };
const CLIENT_AS_SEEN = "198.51.100.7";

const workload = workloadMaker();

const via = `Via: SIP/2.0/UDP ${C}:5060;branch=z9hG4bK.8f3a1c;rport`;
const dialog =
  `From: "Alice" <sip:alice@example.com>;tag=9fxced76sl\r\n` +
  "To: <sip:bob@example.com>;tag=314159\r\n" +
  "Call-ID: 3848276298220188511@example.com\r\n";

function request(method: string, cseq: number, body = "", extra = ""): string {
  return (
    `${method} sip:bob@${S}:5060 SIP/2.0\r\n${via}\r\nMax-Forwards: 70\r\n${dialog}` +
    `CSeq: ${cseq} ${method}\r\nContact: <sip:alice@${C}:5060;transport=udp>\r\n` +
    `User-Agent: Linphone Desktop/5.2.6 (Ubuntu 24.04) LinphoneCore/5.3.72\r\n${extra}` +
    `${body ? "Content-Type: application/sdp\r\n" : ""}Content-Length: ${body.length}\r\n\r\n${body}`
  );
}

function response(status: string, cseq: string, body = "", extra = ""): string {
  return (
    `SIP/2.0 ${status}\r\n${via};received=${C}\r\n${dialog}CSeq: ${cseq}\r\n` +
    `Contact: <sip:bob@${S}:5060>\r\nServer: Asterisk PBX 20.5.0\r\n${extra}` +
    `${body ? "Content-Type: application/sdp\r\n" : ""}Content-Length: ${body.length}\r\n\r\n${body}`
  );
}

const sdp = (ip: string, port: number) =>
  `v=0\r\no=- 3848276298 3848276298 IN IP4 ${ip}\r\ns=Talk\r\nc=IN IP4 ${ip}\r\nt=0 0\r\n` +
  `m=audio ${port} RTP/AVP 96 0 8 101\r\na=rtpmap:96 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\n` +
  "a=sendrecv\r\n";

const options = workload(
  "options",
  "OPTIONS keep-alives both ways (no handler: the common non-matching request)",
  "scan",
  [
    orig(request("OPTIONS", 101)),
    reply(request("OPTIONS", 7).replace(`sip:bob@${S}:5060`, `sip:alice@${C}:5060`)),
  ],
);

const answers = workload(
  "answers",
  "200 OK to OPTIONS, INFO and NOTIFY, 202 to MESSAGE (every response needs its CSeq)",
  "scan",
  [
    reply(response("200 OK", "101 OPTIONS", "", "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE\r\n")),
    orig(response("200 OK", "7 OPTIONS")),
    reply(response("200 OK", "103 INFO")),
    orig(response("200 OK", "8 NOTIFY")),
    reply(response("202 Accepted", "104 MESSAGE")),
  ],
);

const inDialog = workload(
  "in-dialog",
  "in-dialog requests without SDP (ACK is handled: CSeq and an SDP search; INFO, NOTIFY, MESSAGE, SUBSCRIBE are not)",
  "scan",
  [
    orig(request("ACK", 102)),
    orig(request("INFO", 103, "", "Content-Type: application/dtmf-relay\r\n")),
    reply(request("NOTIFY", 8, "", "Event: message-summary\r\nSubscription-State: active\r\n")),
    orig(request("MESSAGE", 104)),
    orig(request("SUBSCRIBE", 105, "", "Event: presence\r\nExpires: 600\r\n")),
  ],
);

const WORKLOADS: Workload[] = [
  options,
  answers,
  inDialog,
  workload(
    "invite-sdp",
    "INVITE with SDP and its 200 OK with SDP: RTP+RTCP each way",
    "scan",
    [
      orig(request("INVITE", 201, sdp(C, 7078))),
      reply(response("200 OK", "201 INVITE", sdp(S, 10000))),
    ],
    4,
  ),
  workload(
    "register",
    "REGISTER naming the client and the registrar's 200 OK keeping the binding",
    "scan",
    [
      orig(request("REGISTER", 301, "", "Expires: 3600\r\n")),
      reply(
        response("200 OK", "301 REGISTER").replace(
          `<sip:bob@${S}:5060>`,
          `<sip:alice@${C}:5060>;expires=3600`,
        ),
      ),
    ],
    1,
  ),
  workload(
    "nat-invite",
    "INVITE with SDP under source NAT: Via, Contact, o=, c=, Content-Length rewritten",
    "scan",
    [orig(request("INVITE", 401, sdp(C, 7078)))],
    2,
    true,
  ),
  workload(
    "nat-options",
    "OPTIONS and 200 OK under source NAT: headers checked, Via and Contact rewritten",
    "scan",
    [
      orig(request("OPTIONS", 501)),
      reply(response("200 OK", "501 OPTIONS").replace(C, CLIENT_AS_SEEN)),
    ],
    0,
    true,
  ),
  workload("long-header-4k", "a 4 KiB header before CSeq in a BYE and in its 200 OK", "scan", [
    orig(request("BYE", 601).replace("CSeq:", `X-Long: ${"a".repeat(4096)}\r\nCSeq:`)),
    reply(response("200 OK", "601 BYE").replace("CSeq:", `X-Long: ${"a".repeat(4096)}\r\nCSeq:`)),
  ]),
  workload(
    "many-contacts",
    "a REGISTER 200 OK listing 64 bindings of other devices (walked, then flushed)",
    "scan",
    [
      reply(
        response(
          "200 OK",
          "0 REGISTER",
          "",
          `Contact: ${Array.from({ length: 64 }, (_, i) => `<sip:dev${i}@192.0.2.${i + 1}:5060>;expires=3600`).join(", ")}\r\n`,
        ),
      ),
    ],
  ),
  workload(
    "tcp-two-messages",
    "two OPTIONS in one TCP segment (framed by Content-Length)",
    "scan",
    [orig(request("OPTIONS", 701) + request("OPTIONS", 702))],
  ),
];

function sized(size: number): Workload[] {
  const pad = (head: string) => sizedText(size, head, "\r\n\r\n", "a");
  return [
    workload("options", "", "scan", [orig(pad(`${request("OPTIONS", 1).slice(0, -2)}X-Pad: `))]),
    workload("response", "", "scan", [
      reply(pad(`${response("200 OK", "1 OPTIONS").slice(0, -2)}X-Pad: `)),
    ]),
  ];
}

/** The reference spec model, as the registry holds it. */
function sipSpec(flow: Flow): Outcome {
  return helperRegistry.sip.spec(flow);
}

export const sipBenchSuite: BenchSuite = {
  name: "sip",
  helper: sipHelper,
  spec: sipSpec,
  connection: (w) => ({
    helper: "sip",
    // Workloads named tcp-* run over TCP (message framing), the others over UDP.
    l4: w.name.startsWith("tcp") ? "tcp" : "udp",
    client: CLIENT,
    server: SERVER,
    config: {},
    ...(w.nat ? { nat: { client: { addr: CLIENT_AS_SEEN } } } : {}),
  }),
  workloads: WORKLOADS,
  sized,
  perConnection: options,
};
