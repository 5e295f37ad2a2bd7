// PPTP captures through tshark with checksum validation on: the control messages decoded
// on TCP 1723 with good checksums, and under source NAT the server's side showing the call
// ids as nf_nat_pptp rewrote them (the client's side as the client sent them).

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCase } from "../harness/corpus.ts";
import { flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import { builtinTarget } from "../harness/targets/in-process.ts";
import { decodedRows, tsharkPath } from "./support/tshark.ts";

const FIELDS = [
  "ip.src",
  "ip.checksum.status",
  "tcp.checksum.status",
  "pptp.magic_cookie",
  "pptp.control_message_type",
  "pptp.call_id",
  "pptp.peer_call_id",
  "pptp.out_result",
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

/** The frames tshark decodes as PPTP. */
const pptpRows = (capture: Uint8Array): Row[] => decodedRows(capture, "pptp", FIELDS);

const corpusCase = (name: string) =>
  loadCase(fileURLToPath(new URL(`../corpus/pptp/${name}.json`, import.meta.url)));

describe.skipIf(tsharkPath === null)("tshark decodes PPTP captures (needs tshark)", () => {
  it("decodes the control messages of an outgoing call, checksums good", () => {
    const { flow } = corpusCase("p01-outgoing-call-connected");
    const rows = pptpRows(flowToPcap(flow));
    expect(rows.map((r) => r["pptp.control_message_type"])).toEqual(["1", "2", "7", "8"]);
    for (const row of rows) {
      expect(row["ip.checksum.status"]).toBe("1");
      expect(row["tcp.checksum.status"]).toBe("1");
      expect(row["pptp.magic_cookie"]).toBe("0x1a2b3c4d");
    }
    expect(rows[2]["pptp.call_id"]).toBe(String(0x0101));
    expect([rows[3]["pptp.call_id"], rows[3]["pptp.peer_call_id"]]).toEqual(["16384", "257"]);
    expect(rows[3]["pptp.out_result"]).toBe("1");
  });

  it("shows the call ids as each side of the NAT sees them", () => {
    const { flow } = corpusCase("p20-nat-outgoing-call");
    const outcome = builtinTarget.run(flow);
    const client = pptpRows(flowToPcap(flow, outcome));
    const server = pptpRows(flowToPcap(flow, outcome, { side: "server" }));
    for (const row of [...client, ...server]) expect(row["tcp.checksum.status"]).toBe("1");
    // The client sent its own id 0x0101 and got it back in the reply.
    expect(client.map((r) => r["ip.src"])).toEqual([
      "198.18.0.2",
      "198.19.0.5",
      "198.18.0.2",
      "198.19.0.5",
    ]);
    expect(client[2]["pptp.call_id"]).toBe("257");
    expect(client[3]["pptp.peer_call_id"]).toBe("257");
    // The server saw the NAT address, and the client's TCP port 40000 as its call id.
    expect(server[2]["ip.src"]).toBe("198.51.100.1");
    expect(server[2]["pptp.call_id"]).toBe("40000");
    expect(server[3]["pptp.peer_call_id"]).toBe("40000");
  });
});
