// Two-sided replay: a capture pair of a NAT case written by `pcap --server-side` agrees with
// the model; the same pair with the box's rewrite, seq or ack planted wrong is reported on
// the segment it is about, with the model's and the box's values.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerPcapCommand } from "../harness/commands/pcap.ts";
import { loadCase, loadCorpus } from "../harness/corpus.ts";
import { readCaptureFrames } from "../harness/pcap/capture-file.ts";
import { transportChecksum } from "../harness/pcap/checksum.ts";
import { flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import {
  loadTwoSided,
  replayTwoSided,
  type TwoSidedResult,
} from "../harness/replay/replay-two-sided.ts";
import { builtinTarget, specTarget } from "../harness/targets/in-process.ts";
import { normalizeSegments } from "../helpers/core/driver.ts";
import type { Flow, Outcome } from "../helpers/core/model.ts";

const dir = mkdtempSync(join(tmpdir(), "hf-two-sided-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus = (name: string) => join(import.meta.dirname, "..", "corpus", name);
const F19 = corpus("ftp/f19-port-nat.json");
const clientPcap = join(dir, "f19-client.pcap");
const serverPcap = join(dir, "f19-server.pcap");

async function pcapCommand(...args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerPcapCommand(program);
  await program.parseAsync(["node", "helperfuzz", "pcap", ...args]);
}

beforeAll(async () => {
  await pcapCommand(F19, "-o", clientPcap, "--server-side", serverPcap);
});

function replayPair(client: string, server: string, target = builtinTarget): TwoSidedResult {
  const { inputs, problems } = loadTwoSided(client, server, {});
  expect(problems).toEqual([]);
  expect(inputs.length).toBe(1);
  return replayTwoSided(inputs[0], target);
}

const text = (data: Uint8Array) => Buffer.from(data).toString("latin1");

/** A copy of an IPv4/Ethernet capture with one TCP segment (found by its payload) changed
 * by `patch` and its checksum made right again, as a box would send it. */
function patchSegment(
  path: string,
  payload: string,
  patch: (tcp: DataView, payloadAt: number) => void,
): string {
  const file = new Uint8Array(readFileSync(path));
  let patched = 0;
  for (const frame of readCaptureFrames(file)) {
    const ip = frame.data.subarray(14);
    const tcp = ip.subarray((ip[0] & 0x0f) * 4);
    const payloadAt = (tcp[12] >> 4) * 4;
    if (text(tcp.subarray(payloadAt)) !== payload) continue;
    const view = new DataView(tcp.buffer, tcp.byteOffset, tcp.byteLength);
    patch(view, payloadAt);
    view.setUint16(16, 0);
    view.setUint16(16, transportChecksum(ip.subarray(12, 16), ip.subarray(16, 20), 6, tcp));
    patched++;
  }
  expect(patched).toBe(1);
  const out = join(dir, `patched-${Math.random().toString(36).slice(2)}.pcap`);
  writeFileSync(out, file);
  return out;
}

describe("two-sided replay of a pair written by pcap --server-side", () => {
  it("agrees with the model, segment by segment, and rebuilds the case's flow", () => {
    for (const target of [builtinTarget, specTarget]) {
      const r = replayPair(clientPcap, serverPcap, target);
      expect(r.matched).toBe(true);
      expect(r.comparison.extra).toEqual([]);
      expect(r.comparison.segments.every((s) => s.box !== null && s.differences.length === 0)).toBe(
        true,
      );
    }
    const r = replayPair(clientPcap, serverPcap);
    const { flow } = loadCase(F19);
    expect(r.flow.nat).toEqual(flow.nat);
    const shape = (segments: { dir: string; data: Uint8Array; seq: number }[]) =>
      segments.map((s) => [s.dir, s.seq, text(s.data)]);
    expect(shape(normalizeSegments(r.flow))).toEqual(shape(normalizeSegments(flow)));
    // The PORT rewrite (+4 bytes) shows in the seqs and acks that were compared.
    expect(r.comparison.segments[7].model.seq).toBe(52);
    expect(r.comparison.segments[6].model.ack).toBe(48);
    expect(r.comparison.segments[6].input.ack).toBe(52);
  });

  it("reports a wrongly rewritten byte on its segment, with both byte strings", () => {
    const bad = patchSegment(serverPcap, "PORT 198,51,100,1,4,1\r\n", (tcp, at) => {
      tcp.setUint8(at + 16, "2".charCodeAt(0));
    });
    const r = replayPair(clientPcap, bad);
    expect(r.matched).toBe(false);
    const differing = r.comparison.segments.filter((s) => s.differences.length > 0);
    expect(differing.map((s) => s.index)).toEqual([5]);
    const [difference] = differing[0].differences;
    expect(difference.field).toBe("data");
    if (difference.field !== "data") return;
    expect(difference.firstDifferentByte).toBe(16);
    expect(text(difference.model)).toBe("PORT 198,51,100,1,4,1\r\n");
    expect(text(difference.box)).toBe("PORT 198,51,100,2,4,1\r\n");
  });

  it("reports a later segment forwarded without its sequence adjustment", () => {
    const bad = patchSegment(serverPcap, "LIST\r\n", (tcp) => {
      tcp.setUint32(4, (tcp.getUint32(4) - 4) >>> 0);
    });
    const r = replayPair(clientPcap, bad);
    const differing = r.comparison.segments.filter((s) => s.differences.length > 0);
    expect(differing.map((s) => [s.index, s.dir, s.differences])).toEqual([
      [7, "orig", [{ field: "seq", model: 52, box: 48 }]],
    ]);
  });

  it("reports an ack the box forgot to adjust back", () => {
    // The server acks the rewritten PORT at 52 (its numbering); the client must see 48.
    const bad = patchSegment(
      clientPcap,
      "200 PORT command successful. Consider using PASV.\r\n",
      (tcp) => {
        tcp.setUint32(8, (tcp.getUint32(8) + 4) >>> 0);
      },
    );
    const r = replayPair(bad, serverPcap);
    const differing = r.comparison.segments.filter((s) => s.differences.length > 0);
    expect(differing.map((s) => [s.index, s.dir, s.differences])).toEqual([
      [6, "reply", [{ field: "ack", model: 48, box: 52 }]],
    ]);
  });

  it("reports a segment the box did not forward, and keeps the rest paired", () => {
    const bad = patchSegment(serverPcap, "LIST\r\n", (tcp) => {
      tcp.setUint16(2, 2121); // now another connection's: the server side lost LIST
    });
    const r = replayPair(clientPcap, bad);
    const differing = r.comparison.segments.filter((s) => s.differences.length > 0);
    expect(differing.map((s) => [s.index, s.differences])).toEqual([
      [7, [{ field: "verdict", model: "accept", box: "drop" }]],
    ]);
    expect(r.comparison.segments[10].box?.seq).toBe(58);
  });
});

describe("two-sided replay of what real boxes also change", () => {
  it("agrees when the box also changes the client's port and both initial sequence numbers", () => {
    const { flow } = loadCase(F19);
    const outcome = builtinTarget.run(flow);
    const client = join(dir, "napt-client.pcap");
    const server = join(dir, "napt-server.pcap");
    writeFileSync(client, flowToPcap(flow, outcome));
    const translated = { ...flow, client: { ...flow.client, port: 61000 } };
    writeFileSync(
      server,
      flowToPcap(translated, outcome, {
        side: "server",
        clientIsn: 0x7654_3210,
        serverIsn: 0xffff_fff0,
      }),
    );
    const r = replayPair(client, server);
    expect(r.matched).toBe(true);
    expect(r.comparison.segments[7].box?.seq).toBe(52);
  });
});

describe("two-sided replay of rewrites in the server's direction", () => {
  for (const name of [
    "ftp/x05-nat-227-leading-zeros.json",
    "amanda/a13-nat-leading-zeros-and-wrap.json",
  ]) {
    it(`${name}: the client side shows the forwarded reply, and the pair agrees`, () => {
      const { flow } = loadCase(corpus(name));
      const outcome = builtinTarget.run(flow);
      const client = join(dir, "reply-client.pcap");
      const server = join(dir, "reply-server.pcap");
      writeFileSync(client, flowToPcap(flow, outcome));
      writeFileSync(server, flowToPcap(flow, outcome, { side: "server" }));
      const r = replayPair(client, server);
      expect(r.matched).toBe(true);
      // The model was given what the server sent, not what the client received.
      expect(shapeOf(r.flow.segments)).toEqual(shapeOf(flow.segments));
    });
  }
});

function shapeOf(segments: { dir: string; data: Uint8Array }[]) {
  return segments.map((s) => [s.dir, text(s.data)]);
}

describe("two-sided replay of every corpus case", () => {
  // Every case (NAT or not, drops and retransmissions too), written as the captures on both
  // sides of the built-in helper, pairs back into the case's flow and agrees with it.
  const entries = loadCorpus(join(import.meta.dirname, "..", "corpus"));
  it(`agrees on all ${entries.length} cases`, () => {
    const disagreements: string[] = [];
    let unpairable = 0;
    for (const { path, corpusCase } of entries) {
      const { flow } = corpusCase;
      const outcome = builtinTarget.run(flow);
      const client = join(dir, "corpus-client.pcap");
      const server = join(dir, "corpus-server.pcap");
      writeFileSync(client, flowToPcap(flow, outcome));
      writeFileSync(server, flowToPcap(flow, outcome, { side: "server" }));
      const options = { helper: flow.helper, port: flow.server.port, config: flow.config };
      // Nothing of the flow reached one side (the box dropped all of it, or the flow is one
      // dropped reply): there is nothing to pair, and the tool says so.
      const emptySide = emptySideOf(flow, outcome);
      if (emptySide !== undefined) {
        expect(() => loadTwoSided(client, server, options), path).toThrow(
          new RegExp(`${emptySide}\\.pcap: no conversation of ${flow.helper} on port`),
        );
        unpairable++;
        continue;
      }
      if (orderUnknown(flow, outcome)) {
        unpairable++;
        continue;
      }
      const { inputs, problems } = loadTwoSided(client, server, options);
      if (problems.length > 0 || inputs.length !== 1) {
        disagreements.push(`${path}: ${problems.join("; ")}`);
        continue;
      }
      const r = replayTwoSided(inputs[0], builtinTarget);
      if (!r.matched)
        disagreements.push(
          `${path}: ${JSON.stringify(r.comparison.segments.flatMap((s) => s.differences))}`,
        );
    }
    expect(disagreements).toEqual([]);
    // Only a few cases are like that; a change that empties sides would show here.
    expect(unpairable).toBeLessThan(entries.length / 10);
  });
});

/** Which capture holds no payload of the flow: the server's when every client segment was
 * dropped and the server said nothing, the client's when every server segment was. */
function emptySideOf(flow: Flow, outcome: Outcome): "corpus-client" | "corpus-server" | undefined {
  // A TCP segment without payload makes no conversation; an empty UDP datagram does.
  const carries = (s: { data: Uint8Array }) => flow.l4 === "udp" || s.data.length > 0;
  const passed = (dir: string) =>
    flow.segments.some(
      (s, i) => s.dir === dir && carries(s) && outcome.segments[i]?.verdict !== "drop",
    );
  const sent = (dir: string) => flow.segments.some((s) => s.dir === dir && carries(s));
  if (!passed("orig") && !sent("reply")) return "corpus-server";
  if (!passed("reply") && !sent("orig")) return "corpus-client";
  return undefined;
}

/** A server datagram the box dropped before any client datagram got through: neither
 * capture shows where it came among the client's (the client side never saw it, the server
 * side saw no client datagram yet), so a pairing cannot order it. */
function orderUnknown(flow: Flow, outcome: Outcome): boolean {
  if (flow.l4 !== "udp") return false;
  for (const [i, s] of flow.segments.entries()) {
    const dropped = outcome.segments[i]?.verdict === "drop";
    if (s.dir === "orig" && !dropped) return false;
    if (s.dir === "reply" && dropped && i > 0) return true;
  }
  return false;
}
