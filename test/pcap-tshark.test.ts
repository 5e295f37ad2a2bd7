// Generated captures through tshark with checksum validation on: every checksum good, the
// protocol decoded, and the payload tshark reports equal to the flow's.

import { describe, expect, it } from "vitest";
import { flowToPcap, serverSideFlow } from "../harness/pcap/flow-to-pcap.ts";
import type { Flow, Outcome, Segment } from "../helpers/core/model.ts";
import { decodedRows, tsharkPath } from "./support/tshark.ts";

const FIELDS = [
  "ip.checksum.status",
  "tcp.checksum.status",
  "udp.checksum.status",
  "tcp.payload",
  "udp.payload",
  "tcp.analysis.flags",
  "ftp.request.command",
  "ftp.response.code",
  "tftp.opcode",
  "tftp.source_file",
] as const;
type Field = (typeof FIELDS)[number];
type Row = Record<Field, string>;

// Reassembly off: every frame reports its own payload, not the stream's.
const tshark = (capture: Uint8Array): Row[] =>
  decodedRows(capture, null, FIELDS, ["-o", "tcp.desegment_tcp_streams:FALSE"]);

const text = (s: string) => new TextEncoder().encode(s);
const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");
const GOOD = "1";

function ftpFlow(client: string, server: string, segments: Segment[]): Flow {
  return {
    helper: "ftp",
    l4: "tcp",
    client: { addr: client, port: 40000 },
    server: { addr: server, port: 21 },
    segments,
  };
}

const ipv4Flow = ftpFlow("10.0.0.2", "203.0.113.5", [
  { dir: "reply", data: text("220 ready\r\n") },
  { dir: "orig", data: text("PORT 10,0,0,2,4,1\r\n") },
  { dir: "reply", data: text("200 PORT ok\r\n") },
  { dir: "orig", data: text("EPRT |1|10.0.0.2|1026|\r\n") },
  { dir: "reply", data: text("200 EPRT ok\r\n") },
  { dir: "orig", data: text("PASV\r\n") },
  { dir: "reply", data: text("227 Entering Passive Mode (203,0,113,5,195,80).\r\n") },
  { dir: "orig", data: text("EPSV\r\n") },
  { dir: "reply", data: text("229 Entering Extended Passive Mode (|||50001|)\r\n") },
]);

const ipv6Flow = ftpFlow("2001:db8::2", "2001:db8:1::5", [
  { dir: "reply", data: text("220 ready\r\n") },
  { dir: "orig", data: text("EPRT |2|2001:db8::2|1025|\r\n") },
  { dir: "reply", data: text("200 EPRT ok\r\n") },
  { dir: "orig", data: text("PORT 10,0,0,2,4,1\r\n") },
  { dir: "reply", data: text("500 no\r\n") },
  { dir: "orig", data: text("PASV\r\n") },
  { dir: "reply", data: text("227 Entering Passive Mode (10,0,0,5,4,2)\r\n") },
  { dir: "orig", data: text("EPSV\r\n") },
  { dir: "reply", data: text("229 Entering Extended Passive Mode (|||50002|)\r\n") },
]);

const natFlow: Flow = {
  ...ftpFlow("10.0.0.2", "203.0.113.5", [
    { dir: "orig", data: text("PORT 10,0,0,2,4,1\r\n") },
    { dir: "reply", data: text("200 ok\r\n") },
    { dir: "orig", data: text("PORT 10,0,0,2,4,1\r\n"), seq: 0 },
    { dir: "orig", data: text("LIST\r\n") },
  ]),
  nat: { client: { addr: "198.51.100.77" } },
};
// What a NAT target forwards: the address rewritten (4 bytes longer, so later client seqs
// shift by 4), the retransmission dropped.
const natOutcome: Outcome = {
  expectations: [],
  segments: [
    { verdict: "accept", data: text("PORT 198,51,100,77,4,1\r\n"), seq: 0 },
    { verdict: "accept", data: text("200 ok\r\n"), seq: 0 },
    { verdict: "drop", data: text("PORT 10,0,0,2,4,1\r\n"), seq: 0 },
    { verdict: "accept", data: text("LIST\r\n"), seq: 24 },
  ],
};

const tftpFlow = (client: string, server: string): Flow => ({
  helper: "tftp",
  l4: "udp",
  client: { addr: client, port: 40001 },
  server: { addr: server, port: 69 },
  segments: [
    { dir: "orig", data: Uint8Array.of(0, 1, ...text("boot.img"), 0, ...text("octet"), 0) },
    { dir: "reply", data: Uint8Array.of(0, 5, 0, 1, ...text("not found"), 0) },
  ],
});

function expectGoodChecksums(rows: Row[], family: 4 | 6, l4: "tcp" | "udp"): void {
  for (const row of rows) {
    if (family === 4) expect(row["ip.checksum.status"]).toBe(GOOD);
    expect(row[`${l4}.checksum.status`]).toBe(GOOD);
  }
}

/** The data frames of a TCP capture: after the handshake, before the close. */
function dataRows(rows: Row[], segments: number): Row[] {
  expect(rows.length).toBe(3 + segments + 3);
  return rows.slice(3, 3 + segments);
}

describe.skipIf(tsharkPath === null)("tshark reads generated captures (needs tshark)", () => {
  for (const [name, flow] of [
    ["IPv4", ipv4Flow],
    ["IPv6", ipv6Flow],
  ] as const) {
    it(`decodes FTP over ${name}: checksums good, commands and replies, payload bytes`, () => {
      const rows = tshark(flowToPcap(flow));
      expectGoodChecksums(rows, name === "IPv4" ? 4 : 6, "tcp");
      const data = dataRows(rows, flow.segments.length);
      expect(data.map((r) => r["tcp.payload"])).toEqual(flow.segments.map((s) => hex(s.data)));
      const commands = data.map((r) => r["ftp.request.command"]).filter((c) => c !== "");
      const sentCommands = flow.segments
        .filter((s) => s.dir === "orig")
        .map((s) => new TextDecoder().decode(s.data).split(/[ \r]/)[0]);
      expect(commands).toEqual(sentCommands);
      expect(commands).toContain(name === "IPv4" ? "PORT" : "EPRT");
      expect(data.map((r) => r["ftp.response.code"]).filter((c) => c !== "")).toEqual(
        name === "IPv4" ? ["220", "200", "200", "227", "229"] : ["220", "200", "500", "227", "229"],
      );
      // Seq and ack consistent: tshark's TCP analysis flags nothing on an in-order flow.
      expect(rows.filter((r) => r["tcp.analysis.flags"] !== "")).toEqual([]);
    });
  }

  it("shows a NAT flow's client side as sent and its server side as forwarded", () => {
    const client = tshark(flowToPcap(natFlow, natOutcome));
    expectGoodChecksums(client, 4, "tcp");
    const clientData = dataRows(client, 4);
    expect(clientData.map((r) => r["tcp.payload"])).toEqual(
      natFlow.segments.map((s) => hex(s.data)),
    );
    // The flow's own retransmission shows as one.
    expect(clientData.map((r) => r["tcp.analysis.flags"] !== "")).toEqual([
      false,
      false,
      true,
      false,
    ]);

    const server = tshark(flowToPcap(natFlow, natOutcome, { side: "server" }));
    expectGoodChecksums(server, 4, "tcp");
    const expected = serverSideFlow(natFlow, natOutcome).segments;
    const serverData = dataRows(server, expected.length);
    expect(serverData.map((r) => r["tcp.payload"])).toEqual([
      hex(text("PORT 198,51,100,77,4,1\r\n")),
      hex(text("200 ok\r\n")),
      hex(text("LIST\r\n")),
    ]);
    expect(serverData[0]["ftp.request.command"]).toBe("PORT");
    // Adjusted seqs leave no gap and no overlap: nothing for the analysis to flag.
    expect(server.filter((r) => r["tcp.analysis.flags"] !== "")).toEqual([]);
  });

  it("shows a reply rewrite on the client's wire behind the target, acks undone to match", () => {
    // 227 with leading zeros, rewritten 5 bytes shorter: later reply seqs shift by -5 on
    // the client's side, and the client's acks of them are shifted back for the server.
    const flow: Flow = {
      ...ftpFlow("10.0.0.2", "203.0.113.5", [
        { dir: "orig", data: text("PASV\r\n") },
        { dir: "reply", data: text("227 Entering Passive Mode (203,000,113,005,019,137).\r\n") },
        { dir: "orig", data: text("LIST\r\n") },
        { dir: "reply", data: text("150 Here it comes.\r\n") },
        { dir: "orig", data: text("QUIT\r\n") },
      ]),
      nat: { client: { addr: "198.51.100.77" } },
    };
    const rewritten = text("227 Entering Passive Mode (203,0,113,5,19,137).\r\n");
    const outcome: Outcome = {
      expectations: [],
      segments: [
        { verdict: "accept", data: flow.segments[0].data, seq: 0 },
        { verdict: "accept", data: rewritten, seq: 0 },
        { verdict: "accept", data: flow.segments[2].data, seq: 6 },
        { verdict: "accept", data: flow.segments[3].data, seq: 49 },
        { verdict: "accept", data: flow.segments[4].data, seq: 12 },
      ],
    };
    for (const side of ["client", "server"] as const) {
      const rows = tshark(flowToPcap(flow, outcome, { side }));
      expectGoodChecksums(rows, 4, "tcp");
      const data = dataRows(rows, 5);
      expect(data[1]["tcp.payload"]).toBe(
        hex(side === "client" ? rewritten : flow.segments[1].data),
      );
      expect(rows.filter((r) => r["tcp.analysis.flags"] !== "")).toEqual([]);
    }
  });

  for (const [name, client, server] of [
    ["IPv4", "10.0.0.2", "203.0.113.5"],
    ["IPv6", "2001:db8::2", "2001:db8::69"],
  ] as const) {
    it(`decodes a TFTP RRQ to port 69 over ${name}`, () => {
      const flow = tftpFlow(client, server);
      const rows = tshark(flowToPcap(flow));
      expect(rows.length).toBe(2);
      expectGoodChecksums(rows, name === "IPv4" ? 4 : 6, "udp");
      expect(rows.map((r) => r["udp.payload"])).toEqual(flow.segments.map((s) => hex(s.data)));
      expect(rows[0]["tftp.opcode"]).toBe("1");
      expect(rows[0]["tftp.source_file"]).toBe("boot.img");
    });
  }
});
