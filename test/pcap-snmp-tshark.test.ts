// SNMP captures through tshark with checksum validation on: the messages decoded as SNMP
// (version, PDU, IpAddress values) with good IP and UDP checksums, and under source NAT each
// side of the NAT box showing the IpAddress values as that side sees them: the inside address
// where nf_nat_snmp_basic has not yet rewritten it, the NAT address where it has.

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCase } from "../harness/corpus.ts";
import { flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import { builtinTarget } from "../harness/targets/in-process.ts";
import { decodedRows, tsharkPath } from "./support/tshark.ts";

const FIELDS = [
  "ip.src",
  "ip.dst",
  "ip.checksum.status",
  "udp.checksum.status",
  "snmp.version",
  "snmp.community",
  "snmp.get_response_element",
  "snmp.snmpV2_trap_element",
  "snmp.value.ipv4",
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

const snmpRows = (capture: Uint8Array): Row[] => decodedRows(capture, "snmp", FIELDS);

const corpusCase = (name: string) =>
  loadCase(fileURLToPath(new URL(`../corpus/snmp/${name}.json`, import.meta.url)));

/** The two sides of the NAT box, each with checksums good. */
function bothSides(name: string): { client: Row; server: Row } {
  const { flow } = corpusCase(name);
  const outcome = builtinTarget.run(flow);
  const [client] = snmpRows(flowToPcap(flow, outcome));
  const [server] = snmpRows(flowToPcap(flow, outcome, { side: "server" }));
  for (const row of [client, server]) {
    expect(row["ip.checksum.status"]).toBe("1");
    expect(row["udp.checksum.status"]).toBe("1");
    expect(row["snmp.community"]).toBe("public");
  }
  return { client, server };
}

describe.skipIf(tsharkPath === null)("tshark decodes SNMP captures (needs tshark)", () => {
  it("shows a response's two inside addresses as sent by the server, rewritten on the client's side", () => {
    const { client, server } = bothSides("s01-response-two-inside-addresses");
    expect(server["snmp.version"]).toBe("1");
    expect(server["snmp.get_response_element"]).not.toBe("");
    expect(server["ip.src"]).toBe("203.0.113.5");
    expect(server["ip.dst"]).toBe("198.51.100.1");
    expect(server["snmp.value.ipv4"]).toBe("10.0.0.2,10.0.0.2");
    expect(client["ip.dst"]).toBe("10.0.0.2");
    expect(client["snmp.value.ipv4"]).toBe("198.51.100.1,198.51.100.1");
  });

  it("shows another address left alone on both sides", () => {
    const { client, server } = bothSides("s02-response-other-address-kept");
    expect(client["snmp.value.ipv4"]).toBe(server["snmp.value.ipv4"]);
    expect(client["snmp.value.ipv4"]).not.toContain("198.51.100.1");
    expect(client["snmp.value.ipv4"]).not.toBe("");
  });

  it("shows a v2 trap to 162 sent with the inside address and forwarded with the NAT address", () => {
    const { client, server } = bothSides("s05-v2-trap-inside-address-replaced");
    expect(client["snmp.snmpV2_trap_element"]).not.toBe("");
    expect(client["ip.src"]).toBe("10.0.0.2");
    expect(client["snmp.value.ipv4"]).toContain("10.0.0.2");
    expect(server["ip.src"]).toBe("198.51.100.1");
    expect(server["snmp.value.ipv4"]).toContain("198.51.100.1");
    expect(server["snmp.value.ipv4"]).not.toContain("10.0.0.2");
  });
});
