// The kernel target runs snmp (nf_conntrack_snmp + nf_nat_snmp_basic, UDP 161) and snmp-trap
// (the kernel's snmp_trap helper, UDP 162): what the agent had to learn to drive them
// (docs/kernel-target.md "snmp"). Each outcome must equal the spec model's.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createKernelTarget,
  type KernelTarget,
  kernelAvailability,
} from "../harness/kernel/target.ts";
import type { Dir, Flow } from "../helpers/core/model.ts";
import { snmpSpecTrace, snmpTrapSpecTrace } from "../helpers/snmp/spec/index.ts";

const availability = await kernelAvailability();
const title = availability.ok ? "kernel snmp" : `kernel snmp (skipped: ${availability.reason})`;
const CLIENT = [192, 0, 2, 2];
const NAT = [198, 51, 100, 1];

function tlv(tag: number, ...content: number[][]): number[] {
  const body = content.flat();
  return [tag, body.length, ...body];
}
const varBind = (address: number[]) =>
  tlv(0x30, tlv(0x30, tlv(0x06, [0x2b, 6, 1, 2, 1, 4, 20, 1, 1, 1]), tlv(0x40, address)));
const message = (version: number, pdu: number, address: number[]) =>
  Uint8Array.from(
    tlv(
      0x30,
      tlv(0x02, [version]),
      tlv(0x04, [...Buffer.from("public")]),
      tlv(pdu, tlv(0x02, [42]), tlv(0x02, [0]), tlv(0x02, [0]), varBind(address)),
    ),
  );

function flow(
  helper: "snmp" | "snmp-trap",
  segments: [Dir, Uint8Array][],
  options: { clientPort?: number; config?: Record<string, unknown> } = {},
): Flow {
  return {
    helper,
    l4: "udp",
    client: { addr: CLIENT.join("."), port: options.clientPort ?? 40000 },
    server: { addr: "203.0.113.5", port: helper === "snmp" ? 161 : 162 },
    nat: { client: { addr: NAT.join(".") } },
    ...(options.config ? { config: options.config } : {}),
    segments: segments.map(([dir, data]) => ({ dir, data })),
  };
}

describe.skipIf(!availability.ok)(title, () => {
  let kernel: KernelTarget;
  beforeAll(async () => {
    kernel = await createKernelTarget();
  });
  afterAll(async () => {
    await kernel?.close();
  });

  it("says it runs snmp and snmp-trap", () => {
    expect(kernel.helpers()).toEqual(expect.arrayContaining(["snmp", "snmp-trap"]));
  });

  it("a router's own datagram that the NAT half drops (sendto's EPERM) is a drop, and the model agrees", async () => {
    const bad = message(3, 0xa0, CLIENT);
    const good = message(0, 0xa0, CLIENT);
    const f = flow(
      "snmp",
      [
        ["orig", bad],
        ["orig", good],
      ],
      { config: { localOut: true } },
    );
    const outcome = await kernel.run(f);
    expect(outcome.segments.map((s) => s.verdict)).toEqual(["drop", "accept"]);
    expect(Array.from(outcome.segments[1].data.slice(-4))).toEqual(NAT);
    expect(outcome).toEqual(snmpSpecTrace(f).outcome);
  });

  it("a flow that opens with the server's answer runs: the priming request decodes, the answer is rewritten", async () => {
    // from = the ORIGINAL source (the inside address) in both directions (§9).
    const f = flow("snmp", [["reply", message(1, 0xa2, CLIENT)]]);
    const outcome = await kernel.run(f);
    expect(outcome.segments[0].verdict).toBe("accept");
    expect(Array.from(outcome.segments[0].data.slice(-4))).toEqual(NAT);
    expect(outcome).toEqual(snmpSpecTrace(f).outcome);
  });

  it("a v2 trap to 162 is rewritten by the kernel's snmp_trap helper, as the model says", async () => {
    const f = flow("snmp-trap", [["orig", message(1, 0xa7, CLIENT)]]);
    const outcome = await kernel.run(f);
    expect(Array.from(outcome.segments[0].data.slice(-4))).toEqual(NAT);
    expect(outcome).toEqual(snmpTrapSpecTrace(f).outcome);
  });

  it("under NAT, client port 161 or 162 is not runnable (the helper reads it; the target sends from a slot port)", async () => {
    for (const clientPort of [161, 162]) {
      await expect(
        kernel.run(flow("snmp", [["orig", message(0, 0xa0, CLIENT)]], { clientPort })),
      ).rejects.toThrow(/reads the client's port/);
    }
  });
});
