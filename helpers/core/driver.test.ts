import { describe, expect, it } from "vitest";
import { conntrackOf, normalizeSegments, runFlow, traceFlow } from "./driver.ts";
import type { HelperDefinition } from "./helper.ts";
import { type Flow, FlowError } from "./model.ts";

const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

/** A toy helper: "X" drops, "E<port>" expects server→client-as-seen:port, "G" grows the
 * segment by 2 bytes, "S" shrinks it by 1. */
const toy: HelperDefinition<{ tag: string }, { seen: number }> = {
  name: "toy",
  l4: "tcp",
  defaultPort: 1,
  families: [4, 6],
  policy: { maxExpected: 1, timeoutSeconds: 10 },
  parseConfig(raw) {
    if (raw && Object.keys(raw).some((k) => k !== "tag")) throw new FlowError("unknown option");
    return { tag: typeof raw?.tag === "string" ? raw.tag : "" };
  },
  newState: () => ({ seen: 0 }),
  process(connection, packet) {
    connection.state.seen++;
    const first = packet.data[0];
    if (first === 0x58) return { verdict: "drop" };
    if (first === 0x45) {
      const { reply } = connection.conntrack;
      connection.expectations.expect({
        l4: "tcp",
        src: reply.src,
        sport: null,
        dst: reply.dst,
        dport: Number(decode(packet.data.subarray(1))),
      });
    }
    if (first === 0x47) return { verdict: "accept", data: text(`${decode(packet.data)}++`) };
    if (first === 0x53) return { verdict: "accept", data: packet.data.subarray(1) };
    return { verdict: "accept" };
  },
};

const flow = (over: Partial<Flow> = {}): Flow => ({
  helper: "toy",
  l4: "tcp",
  client: { addr: "10.0.0.2", port: 40000 },
  server: { addr: "203.0.113.5", port: 1 },
  segments: [],
  ...over,
});

describe("normalizeSegments", () => {
  it("fills absent seqs per direction, starting at 0", () => {
    const segs = normalizeSegments(
      flow({
        segments: [
          { dir: "orig", data: text("abc") },
          { dir: "reply", data: text("hello") },
          { dir: "orig", data: text("de") },
          { dir: "orig", data: text("f"), seq: 100 },
          { dir: "orig", data: text("g") },
          { dir: "reply", data: text("x") },
        ],
      }),
    );
    expect(segs.map((s) => s.seq)).toEqual([0, 0, 3, 100, 101, 5]);
  });
  it("wraps mod 2^32", () => {
    const segs = normalizeSegments(
      flow({
        segments: [
          { dir: "orig", data: text("abcd"), seq: 0xffff_fffe },
          { dir: "orig", data: text("e") },
        ],
      }),
    );
    expect(segs[1].seq).toBe(2);
  });
  it("rejects a bad seq or data", () => {
    expect(() =>
      normalizeSegments(flow({ segments: [{ dir: "orig", data: text("a"), seq: -1 }] })),
    ).toThrow(FlowError);
    expect(() =>
      normalizeSegments(flow({ segments: [{ dir: "orig", data: text("a"), seq: 2 ** 32 }] })),
    ).toThrow(FlowError);
    expect(() =>
      normalizeSegments(flow({ segments: [{ dir: "orig", data: "a" as unknown as Uint8Array }] })),
    ).toThrow(/Uint8Array/);
  });
});

describe("conntrackOf", () => {
  it("builds both directions, canonical, with the NAT address in the reply", () => {
    const ct = conntrackOf(
      flow({
        client: { addr: "2001:DB8::2", port: 5 },
        server: { addr: "2001:db8:0::9", port: 21 },
        nat: { client: { addr: "2001:db8::100" } },
      }),
      6,
    );
    expect(ct.orig).toEqual({ src: "2001:db8::2", sport: 5, dst: "2001:db8::9", dport: 21 });
    expect(ct.reply).toEqual({ src: "2001:db8::9", sport: 21, dst: "2001:db8::100", dport: 5 });
    expect(ct.natted).toBe(true);
    expect(ct.family).toBe(6);
  });
  it("without NAT the reply goes to the client itself", () => {
    const ct = conntrackOf(flow(), 4);
    expect(ct.reply.dst).toBe("10.0.0.2");
    expect(ct.natted).toBe(false);
  });
});

describe("runFlow", () => {
  it("drops with the input bytes and seq, accepts with the forwarded bytes", () => {
    const out = runFlow(
      toy,
      flow({
        segments: [
          { dir: "orig", data: text("hi") },
          { dir: "orig", data: text("Xno") },
          { dir: "orig", data: text("G1") },
          { dir: "orig", data: text("ok") },
        ],
      }),
    );
    expect(out.segments.map((s) => s.verdict)).toEqual(["accept", "drop", "accept", "accept"]);
    expect(out.segments[1]).toEqual({ verdict: "drop", data: text("Xno"), seq: 2 });
    expect(decode(out.segments[2].data)).toBe("G1++");
    // the grown segment keeps its seq; the next one moves by +2
    expect(out.segments[2].seq).toBe(5);
    expect(out.segments[3].seq).toBe(9);
  });
  it("adjusts only the direction that was rewritten", () => {
    const out = runFlow(
      toy,
      flow({
        segments: [
          { dir: "reply", data: text("S12") },
          { dir: "reply", data: text("a") },
          { dir: "orig", data: text("a") },
        ],
      }),
    );
    expect(out.segments.map((s) => s.seq)).toEqual([0, 2, 0]);
  });
  it("records every creation and traces the live table", () => {
    const trace = traceFlow(
      toy,
      flow({
        nat: { client: { addr: "198.51.100.1" } },
        segments: [
          { dir: "orig", data: text("E1025") },
          { dir: "orig", data: text("E1026") },
          { dir: "orig", data: text("n") },
        ],
      }),
    );
    const exp = (dport: number) => ({
      l4: "tcp",
      src: "203.0.113.5",
      sport: null,
      dst: "198.51.100.1",
      dport,
    });
    expect(trace.outcome.expectations).toEqual([exp(1025), exp(1026)]);
    expect(trace.liveAfter).toEqual([[exp(1025)], [exp(1026)], [exp(1026)]]);
  });
  it("gives each flow fresh state", () => {
    const f = flow({ segments: [{ dir: "orig", data: text("E7") }] });
    expect(runFlow(toy, f).expectations).toHaveLength(1);
    expect(runFlow(toy, f).expectations).toHaveLength(1);
  });
  it.each([
    [{ helper: "ftp" }, /helper "ftp"/],
    [{ l4: "udp" as const }, /runs on tcp/],
    [{ server: { addr: "::1", port: 1 } }, /one family/],
    [{ client: { addr: "10.0.0", port: 1 } }, /not an address: "10\.0\.0"/],
    [{ client: { addr: "10.0.0.2", port: 70000 } }, /client port/],
    [{ server: { addr: "10.0.0.3", port: 1.5 } }, /server port/],
    [{ nat: { client: { addr: "::1" } } }, /nat client/],
    [{ config: { bogus: 1 } }, /unknown option/],
  ])("rejects a bad flow %#", (over, message) => {
    expect(() => runFlow(toy, flow(over as Partial<Flow>))).toThrow(message);
  });
  it("rejects a family the helper does not support", () => {
    const v4only = { ...toy, families: [4] as const };
    expect(() =>
      runFlow(v4only, flow({ client: { addr: "::2", port: 1 }, server: { addr: "::3", port: 1 } })),
    ).toThrow(/does not support IPv6/);
  });
  it("says so when a helper answers a verdict other than accept or drop", () => {
    for (const verdict of [undefined, "", "ACCEPT", "reject"]) {
      const broken = { ...toy, process: () => ({ verdict }) as unknown as { verdict: "accept" } };
      const one = flow({ segments: [{ dir: "orig", data: text("a") }] });
      expect(() => runFlow(broken, one)).toThrow(
        `the toy helper's process() answered verdict ${JSON.stringify(verdict)} (must be "accept" or "drop")`,
      );
    }
  });
  it("runs a helper on each of its transports and refuses others", () => {
    const both = { ...toy, l4: "udp" as const, transports: ["udp", "tcp"] as const };
    expect(runFlow(both, flow({ l4: "tcp", segments: [] })).segments).toEqual([]);
    expect(runFlow(both, flow({ l4: "udp", segments: [] })).segments).toEqual([]);
    const udpOnly = { ...toy, l4: "udp" as const, transports: ["udp"] as const };
    expect(() => runFlow(udpOnly, flow({ l4: "tcp" }))).toThrow(/runs on udp, flow says tcp/);
  });
  it("records the helper's own sequence-adjustment delta instead of the length change", () => {
    const fixed: typeof toy = {
      ...toy,
      process: (_c, packet) => ({
        verdict: "accept",
        data: text(`${decode(packet.data)}++`),
        seqAdjust: packet.data[0] === 0x4e ? 0 : 5,
      }),
    };
    const out = runFlow(
      fixed,
      flow({
        segments: [
          { dir: "orig", data: text("N") },
          { dir: "orig", data: text("a") },
          { dir: "orig", data: text("b") },
        ],
      }),
    );
    expect(out.segments.map((s) => s.seq)).toEqual([0, 1, 7]);
  });
});
