// `helperfuzz pcap CASE.json -o out.pcap [--server-side out2.pcap]` on real case files.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { readFlowsFromPcap, registerPcapCommand } from "../harness/commands/pcap.ts";
import { loadCase } from "../harness/corpus.ts";
import { FlowError } from "../helpers/core/model.ts";

const dir = mkdtempSync(join(tmpdir(), "hf-pcap-command-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caseJson = {
  name: "PORT under NAT",
  property: "corpus",
  flow: {
    helper: "ftp",
    l4: "tcp",
    client: { addr: "10.0.0.2", port: 40000 },
    server: { addr: "203.0.113.5", port: 21 },
    nat: { client: { addr: "198.51.100.7" } },
    segments: [
      { dir: "reply", text: "220 hi\r\n" },
      { dir: "orig", text: "PORT 10,0,0,2,4,1\r\n" },
      { dir: "orig", base64: "UE9SVCAxMCwwLDAsMiw0LDENCg==", seq: 0 },
    ],
  },
};
const casePath = join(dir, "case.json");
writeFileSync(casePath, JSON.stringify(caseJson));

async function pcapCommand(...args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerPcapCommand(program);
  await program.parseAsync(["node", "helperfuzz", "pcap", ...args]);
}

describe("helperfuzz pcap", () => {
  it("writes the case as a capture whose flow reads back as the case's", async () => {
    const out = join(dir, "client.pcap");
    await pcapCommand(casePath, "-o", out);
    const [flow] = readFlowsFromPcap(out);
    const { flow: expected } = loadCase(casePath);
    expect(flow.client).toEqual(expected.client);
    expect(flow.segments.map((s) => [s.dir, Buffer.from(s.data).toString(), s.seq])).toEqual([
      ["reply", "220 hi\r\n", 0],
      ["orig", "PORT 10,0,0,2,4,1\r\n", 0],
      ["orig", "PORT 10,0,0,2,4,1\r\n", 0],
    ]);
  });

  it("fails with a FlowError on a broken case and on an unreadable capture", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    await expect(pcapCommand(broken, "-o", join(dir, "never.pcap"))).rejects.toBeInstanceOf(
      FlowError,
    );
    expect(existsSync(join(dir, "never.pcap"))).toBe(false);
    expect(() => readFlowsFromPcap(join(dir, "absent.pcap"))).toThrow(/cannot read capture/);
  });

  it("writes nothing when the server side cannot be had", async () => {
    // A helper no target knows: the capture of the client side alone must not be left.
    const unknown = join(dir, "unknown-helper.json");
    writeFileSync(
      unknown,
      JSON.stringify({ ...caseJson, flow: { ...caseJson.flow, helper: "gopher" } }),
    );
    const out = join(dir, "half.pcap");
    await expect(
      pcapCommand(unknown, "-o", out, "--server-side", join(dir, "half-server.pcap")),
    ).rejects.toThrow(/unknown helper/);
    expect(existsSync(out)).toBe(false);
  });

  it("writes the server side behind the NAT address", async () => {
    const serverOut = join(dir, "server.pcap");
    await pcapCommand(casePath, "-o", join(dir, "c.pcap"), "--server-side", serverOut);
    const [flow] = readFlowsFromPcap(serverOut);
    expect(flow.client.addr).toBe("198.51.100.7");
    expect(readFileSync(serverOut).length).toBeGreaterThan(24);
  });
});
