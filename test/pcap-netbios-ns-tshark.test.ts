// NetBIOS-NS captures through tshark with checksum validation on: the name service header
// and question decoded on UDP 137 (the corpus query and generated ones), UDP and IP
// checksums good, and under source NAT the server's side showing the NAT address.

import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCase } from "../harness/corpus.ts";
import { flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import { builtinTarget } from "../harness/targets/in-process.ts";
import { netbiosNsFlow } from "../properties/netbios-ns/netbios-flow.ts";
import { decodedRows, tsharkPath } from "./support/tshark.ts";

const FIELDS = [
  "ip.src",
  "ip.dst",
  "ip.checksum.status",
  "udp.checksum.status",
  "udp.dstport",
  "nbns.id",
  "nbns.flags.response",
  "nbns.flags.opcode",
  "nbns.count.queries",
  "nbns.name",
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

/** Every UDP frame of the capture, with what tshark decoded of it. */
const rows = (capture: Uint8Array): Row[] => decodedRows(capture, "udp", FIELDS);

const corpusCase = (name: string) =>
  loadCase(fileURLToPath(new URL(`../corpus/netbios-ns/${name}.json`, import.meta.url)));

describe.skipIf(tsharkPath === null)("tshark decodes NetBIOS-NS captures (needs tshark)", () => {
  it("decodes the corpus name query: id, query opcode, one question, checksums good", () => {
    const { flow } = corpusCase("n01-local-broadcast-query");
    const [row, ...rest] = rows(flowToPcap(flow));
    expect(rest).toEqual([]);
    expect(row["ip.checksum.status"]).toBe("1");
    expect(row["udp.checksum.status"]).toBe("1");
    expect(row["udp.dstport"]).toBe("137");
    expect(row["nbns.id"]).toBe("0xabcd");
    expect(row["nbns.flags.response"]).toBe("0");
    expect(row["nbns.flags.opcode"]).toBe("0");
    expect(row["nbns.count.queries"]).toBe("1");
    // The corpus query's name has 31 characters under a length byte of 32: tshark calls the
    // question malformed (the helper reads no payload, so the case is right either way).
    expect(row["nbns.name"]).toBe("");
  });

  it("the query, the answer and the repeat all decoded with their addresses", () => {
    const { flow } = corpusCase("n02-reply-and-repeat");
    const decoded = rows(flowToPcap(flow));
    expect(decoded).toHaveLength(3);
    for (const row of decoded) {
      expect(row["udp.checksum.status"]).toBe("1");
      expect(row["nbns.id"]).toBe("0xabcd");
    }
    expect(decoded.map((r) => [r["ip.src"], r["ip.dst"]])).toEqual([
      ["198.18.1.7", "198.19.1.255"],
      ["198.19.1.255", "198.18.1.7"],
      ["198.18.1.7", "198.19.1.255"],
    ]);
  });

  it("under source NAT the server's side shows the NAT address", () => {
    const { flow } = corpusCase("n03-nat-and-other-port");
    const outcome = builtinTarget.run(flow);
    const server = rows(flowToPcap(flow, outcome, { side: "server" }));
    expect(server.map((r) => r["ip.src"])).toEqual(["198.51.100.9"]);
    expect(server[0]["udp.checksum.status"]).toBe("1");
  });

  it("generated queries decode as NBNS with good checksums", () => {
    const flows = fc
      .sample(netbiosNsFlow(), { seed: 20261203, numRuns: 200 })
      .filter((f) => f.server.port === 137 && f.segments.length > 0);
    let queries = 0;
    for (const flow of flows.slice(0, 15)) {
      for (const row of rows(flowToPcap(flow))) {
        expect(row["ip.checksum.status"]).toBe("1");
        expect(row["udp.checksum.status"]).toBe("1");
        if (row["nbns.count.queries"] === "1" && row["nbns.name"] !== "") queries++;
      }
    }
    expect(queries).toBeGreaterThan(5);
  });
});
