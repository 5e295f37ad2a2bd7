// tcpreplay sends generated captures: over a veth pair inside a network namespace this test
// creates with `unshare -n` (it vanishes when the shell exits), never a host interface. The
// receiving end must count exactly the frames and bytes of the capture.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { flowToFrames, flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import type { Flow } from "../helpers/core/model.ts";

function missing(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status !== 0;
}

const skipReason =
  process.getuid?.() !== 0
    ? "needs root to create a network namespace and a veth pair"
    : ["tcpreplay", "unshare", "ip"].find(missing)
      ? `needs ${["tcpreplay", "unshare", "ip"].find(missing)} installed`
      : null;

const text = (s: string) => new TextEncoder().encode(s);
const flows: Flow[] = [
  {
    helper: "ftp",
    l4: "tcp",
    client: { addr: "10.0.0.2", port: 40000 },
    server: { addr: "203.0.113.5", port: 21 },
    segments: [
      { dir: "reply", data: text("220 ready\r\n") },
      { dir: "orig", data: text("PORT 10,0,0,2,4,1\r\n") },
      { dir: "orig", data: text("PORT 10,0,0,2,4,1\r\n"), seq: 0 },
    ],
  },
  {
    helper: "ftp",
    l4: "tcp",
    client: { addr: "2001:db8::2", port: 40000 },
    server: { addr: "2001:db8::5", port: 21 },
    segments: [{ dir: "orig", data: text("EPRT |2|2001:db8::2|1025|\r\n") }],
  },
  {
    helper: "tftp",
    l4: "udp",
    client: { addr: "10.0.0.2", port: 40001 },
    server: { addr: "203.0.113.5", port: 69 },
    segments: [{ dir: "orig", data: Uint8Array.of(0, 1, ...text("f"), 0, ...text("octet"), 0) }],
  },
];

// Inside the namespace: IPv6 off so the veth sends no neighbour discovery of its own, which
// would spoil the exact count; then counters, replay, counters.
const SCRIPT = `
set -e
sysctl -qw net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.all.disable_ipv6=1
ip link add hf-send type veth peer name hf-recv
ip link set hf-send up
ip link set hf-recv up
ip -j -s link show hf-recv
tcpreplay --topspeed -i hf-send "$1"
ip -j -s link show hf-recv
`;

interface RxCounters {
  packets: number;
  bytes: number;
}

function rxCounters(json: string): RxCounters {
  const stats = JSON.parse(json)[0].stats64.rx;
  return { packets: stats.packets, bytes: stats.bytes };
}

const dir = mkdtempSync(join(tmpdir(), "hf-pcap-tcpreplay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tcpreplay", () => {
  it.skipIf(skipReason !== null)(
    `sends every frame of generated captures${skipReason ? ` (skipped: ${skipReason})` : ""}`,
    () => {
      for (const [i, flow] of flows.entries()) {
        const file = join(dir, `flow${i}.pcap`);
        writeFileSync(file, flowToPcap(flow));
        const frames = flowToFrames(flow);
        const out = execFileSync("unshare", ["-n", "sh", "-c", SCRIPT, "sh", file], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        });
        const jsonLines = out.split("\n").filter((line) => line.startsWith("[{"));
        expect(jsonLines).toHaveLength(2);
        const [before, after] = jsonLines.map(rxCounters);
        expect(out).toMatch(new RegExp(`Successful packets:\\s+${frames.length}\\b`));
        expect(out).toMatch(/Failed packets:\s+0\b/);
        expect(after.packets - before.packets).toBe(frames.length);
        expect(after.bytes - before.bytes).toBe(frames.reduce((n, f) => n + f.data.length, 0));
      }
      // The namespace went with the shell: no interface of ours is left on the host.
      expect(spawnSync("ip", ["link", "show", "hf-send"], { stdio: "ignore" }).status).not.toBe(0);
    },
  );
});
