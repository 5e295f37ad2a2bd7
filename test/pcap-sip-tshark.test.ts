// SIP captures through tshark: every checksum good, every message decoded as SIP (method or
// status code) and its SDP as SDP (connection address, media port), over UDP and TCP, IPv4
// and IPv6, and the server side of a source-NATed flow (the kernel corpus's rewritten bytes).

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCase } from "../harness/corpus.ts";
import { flowToPcap, serverSideFlow } from "../harness/pcap/flow-to-pcap.ts";
import type { Flow, Outcome } from "../helpers/core/model.ts";
import { decodedRows, tsharkPath } from "./support/tshark.ts";

const FIELDS = [
  "ip.checksum.status",
  "tcp.checksum.status",
  "udp.checksum.status",
  "sip.Method",
  "sip.Status-Code",
  "sdp.connection_info.address",
  "sdp.media.port",
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

/** Every frame, SIP decoded on `tcpPort` (TCP and UDP), reassembly off. */
const tshark = (capture: Uint8Array, tcpPort: number): Row[] =>
  decodedRows(capture, null, FIELDS, [
    "-d",
    `tcp.port==${tcpPort},sip`,
    "-d",
    `udp.port==${tcpPort},sip`,
    "-o",
    "tcp.desegment_tcp_streams:FALSE",
  ]);

const bytes = (s: string) => new TextEncoder().encode(s);
const C = "198.18.0.2";
const S = "198.19.0.5";

function call(client: string, server: string, l4: "udp" | "tcp"): Flow {
  const host = (a: string) => (a.includes(":") ? `[${a}]` : a);
  const ip = client.includes(":") ? "IP6" : "IP4";
  const sdp = (a: string, port: number) =>
    `v=0\r\no=- 1 1 IN ${ip} ${a}\r\ns=-\r\nc=IN ${ip} ${a}\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0\r\n`;
  const invite = sdp(client, 20000);
  const ok = sdp(server, 30000);
  const t = l4.toUpperCase();
  return {
    helper: "sip",
    l4,
    client: { addr: client, port: 5060 },
    server: { addr: server, port: 5060 },
    segments: [
      {
        dir: "orig",
        data: bytes(
          `INVITE sip:bob@${host(server)} SIP/2.0\r\nVia: SIP/2.0/${t} ${host(client)}:5060;branch=z9hG4bK1\r\nFrom: <sip:alice@${host(client)}>;tag=1\r\nTo: <sip:bob@${host(server)}>\r\nCall-ID: a@b\r\nCSeq: 1 INVITE\r\nContact: <sip:alice@${host(client)}:5060>\r\nContent-Type: application/sdp\r\nContent-Length: ${invite.length}\r\n\r\n${invite}`,
        ),
      },
      {
        dir: "reply",
        data: bytes(
          `SIP/2.0 200 OK\r\nVia: SIP/2.0/${t} ${host(client)}:5060;branch=z9hG4bK1\r\nCSeq: 1 INVITE\r\nContact: <sip:bob@${host(server)}>\r\nContent-Type: application/sdp\r\nContent-Length: ${ok.length}\r\n\r\n${ok}`,
        ),
      },
    ],
  };
}

function expectDecoded(rows: Row[], family: 4 | 6, l4: "udp" | "tcp"): void {
  const data = rows.filter((r) => r["sip.Method"] || r["sip.Status-Code"]);
  expect(data.map((r) => r["sip.Method"] || r["sip.Status-Code"])).toEqual(["INVITE", "200"]);
  expect(data.map((r) => r["sdp.media.port"])).toEqual(["20000", "30000"]);
  for (const r of rows) {
    if (family === 4) expect(r["ip.checksum.status"]).toBe("1");
    expect(r[`${l4}.checksum.status`]).toBe("1");
  }
}

describe.skipIf(!tsharkPath)("SIP pcaps in tshark", () => {
  for (const l4 of ["udp", "tcp"] as const) {
    it(`decodes an IPv4 ${l4} call as SIP/SDP with good checksums`, () => {
      const flow = call(C, S, l4);
      const rows = tshark(flowToPcap(flow), 5060);
      expectDecoded(rows, 4, l4);
      expect(rows.find((r) => r["sip.Method"])?.["sdp.connection_info.address"]).toBe(C);
    });
    it(`decodes an IPv6 ${l4} call as SIP/SDP with good checksums`, () => {
      const flow = call("2001:db8:1::2", "2001:db8:2::5", l4);
      const rows = tshark(flowToPcap(flow), 5060);
      expectDecoded(rows, 6, l4);
      expect(rows.find((r) => r["sip.Method"])?.["sdp.connection_info.address"]).toBe(
        "2001:db8:1::2",
      );
    });
  }

  it("decodes the server side of a NATed call with the kernel's rewritten SDP", () => {
    const path = fileURLToPath(
      new URL("../corpus/sip/kernel/k90-nat-invite-udp.json", import.meta.url),
    );
    const c = loadCase(path);
    const outcome: Outcome = {
      expectations: c.expected!.expectations,
      segments: c.expected!.segments.map((s) => ({
        verdict: s.verdict,
        seq: s.seq ?? 0,
        data: s.data!,
      })),
    };
    const rows = tshark(flowToPcap(serverSideFlow(c.flow, outcome)), 5060);
    const invite = rows.find((r) => r["sip.Method"] === "INVITE");
    expect(invite?.["sdp.connection_info.address"]).toBe("198.18.100.1");
    expect(invite?.["udp.checksum.status"]).toBe("1");
    expect(invite?.["ip.checksum.status"]).toBe("1");
  });
});
