// talk/ntalk captures through tshark with checksum validation on. Wireshark has no talk
// dissector, so what it can show is the UDP layer: each datagram on the talk port with good
// IP and UDP checksums and, as its payload, exactly the bytes of the flow (the client's
// side) or of the outcome (the server's side, under NAT, where ip_nat_talk rewrote the
// addresses inside CTL_MSG).

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCase } from "../harness/corpus.ts";
import { flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import { builtinTarget } from "../harness/targets/in-process.ts";
import type { Outcome } from "../helpers/core/model.ts";
import { decodedRows, tsharkPath } from "./support/tshark.ts";

const FIELDS = [
  "ip.src",
  "ip.dst",
  "ip.checksum.status",
  "udp.dstport",
  "udp.srcport",
  "udp.checksum.status",
  "data.data",
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

const udpRows = (capture: Uint8Array): Row[] => decodedRows(capture, "udp", FIELDS);

const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");
const forwarded = (outcome: Outcome, index: number) => {
  const segment = outcome.segments[index];
  if (segment.verdict !== "accept") throw new Error(`segment ${index} was not forwarded`);
  return segment.data;
};

const corpusCase = (name: string) =>
  loadCase(fileURLToPath(new URL(`../corpus/talk/${name}.json`, import.meta.url)));

describe.skipIf(tsharkPath === null)("tshark reads talk captures (needs tshark)", () => {
  it("shows a real netkit exchange on ntalk 518, checksums good, payload as recorded", () => {
    const { flow } = corpusCase("r01-real-netkit-announce");
    const rows = udpRows(flowToPcap(flow));
    expect(rows).toHaveLength(flow.segments.length);
    flow.segments.forEach((segment, i) => {
      const row = rows[i];
      expect(row["ip.checksum.status"]).toBe("1");
      expect(row["udp.checksum.status"]).toBe("1");
      const toServer = segment.dir === "orig";
      expect(toServer ? row["udp.dstport"] : row["udp.srcport"]).toBe("518");
      expect(row["ip.src"]).toBe(toServer ? flow.client.addr : flow.server.addr);
      expect(row["data.data"]).toBe(hex(segment.data));
    });
  });

  it("shows a NAT'd request as rewritten on the server's side, as sent on the client's", () => {
    const { flow } = corpusCase("t15-nat-request-rewritten");
    const outcome = builtinTarget.run(flow);
    const [client] = udpRows(flowToPcap(flow, outcome));
    const [server] = udpRows(flowToPcap(flow, outcome, { side: "server" }));
    for (const row of [client, server]) {
      expect(row["ip.checksum.status"]).toBe("1");
      expect(row["udp.checksum.status"]).toBe("1");
    }
    expect(client["ip.src"]).toBe("198.18.0.2");
    expect(client["data.data"]).toBe(hex(flow.segments[0].data));
    expect(server["ip.src"]).toBe("198.51.100.1");
    expect(server["data.data"]).toBe(hex(forwarded(outcome, 0)));
    // The rewrite put the NAT address (c6 33 64 01) where the client's (c6 12 00 02) was.
    expect(server["data.data"]).not.toBe(client["data.data"]);
    expect(server["data.data"]).toContain("c6336401");
    expect(client["data.data"]).not.toContain("c6336401");
  });
});
