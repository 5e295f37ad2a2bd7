import { describe, expect, it } from "vitest";
import { type Flow, FlowError } from "../../core/model.ts";
import { connectionOf, ipv4Number, parseIrcConfig } from "./flow-input.ts";

const flow = (extra: Partial<Flow> = {}): Flow => ({
  helper: "irc",
  l4: "tcp",
  client: { addr: "192.168.1.2", port: 40000 },
  server: { addr: "203.0.113.5", port: 6667 },
  segments: [],
  ...extra,
});

describe("parseIrcConfig (§3.1)", () => {
  it("defaults: 8 channels, 300 s, port 6667", () => {
    expect(parseIrcConfig(undefined)).toEqual({
      maxDccChannels: 8,
      dccTimeout: 300,
      ports: [6667],
    });
    expect(parseIrcConfig({ ports: [] }).ports).toEqual([6667]);
  });
  it("takes the documented options", () => {
    expect(parseIrcConfig({ maxDccChannels: 255, dccTimeout: 0, ports: [6667, 7000] })).toEqual({
      maxDccChannels: 255,
      dccTimeout: 0,
      ports: [6667, 7000],
    });
  });
  it.each([
    [{ maxDccChannels: 0 }, /maxDccChannels/],
    [{ maxDccChannels: 256 }, /maxDccChannels/],
    [{ maxDccChannels: 1.5 }, /maxDccChannels/],
    [{ maxDccChannels: "8" }, /maxDccChannels/],
    [{ dccTimeout: -1 }, /dccTimeout/],
    [{ dccTimeout: 2 ** 32 }, /dccTimeout/],
    [{ ports: [70000] }, /ports/],
    [{ ports: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, /ports/],
    [{ ports: 6667 }, /ports/],
    [{ loose: true }, /unknown config option "loose"/],
  ])("rejects %j", (raw, message) => {
    expect(() => parseIrcConfig(raw as Record<string, unknown>)).toThrow(FlowError);
    expect(() => parseIrcConfig(raw as Record<string, unknown>)).toThrow(message);
  });
});

describe("ipv4Number", () => {
  it("is a·2^24 + b·2^16 + c·2^8 + d, unsigned", () => {
    expect(ipv4Number("192.168.1.2")).toBe(3232235778);
    expect(ipv4Number("198.51.100.1")).toBe(3325256705);
    expect(ipv4Number("255.255.255.255")).toBe(4294967295);
  });
});

describe("connectionOf", () => {
  it("builds the tuples; reply.dst is the NAT address under NAT", () => {
    expect(connectionOf(flow())).toEqual({
      tuple: {
        orig: { src: 3232235778, dst: ipv4Number("203.0.113.5") },
        reply: { src: ipv4Number("203.0.113.5"), dst: 3232235778 },
      },
      natted: false,
    });
    const natted = connectionOf(flow({ nat: { client: { addr: "198.51.100.1" } } }));
    expect(natted.tuple.reply.dst).toBe(3325256705);
    expect(natted.natted).toBe(true);
  });
  it.each([
    [
      { client: { addr: "2001:db8::2", port: 1 }, server: { addr: "2001:db8::5", port: 6667 } },
      /irc is IPv4 only/,
    ],
    [{ server: { addr: "2001:db8::5", port: 6667 } }, /irc is IPv4 only/],
    [{ nat: { client: { addr: "2001:db8::1" } } }, /irc is IPv4 only/],
    [{ l4: "udp" as const }, /l4 must be tcp/],
    [{ helper: "ftp" }, /cannot run helper ftp/],
    [{ client: { addr: "nope", port: 1 } }, /not an IP address/],
    [{ client: { addr: "192.168.1.2", port: 70000 } }, /port/],
    [{ segments: [{ dir: "up" as "orig", data: new Uint8Array() }] }, /dir/],
    [{ segments: [{ dir: "orig" as const, data: new Uint8Array(), seq: 1.5 }] }, /seq/],
  ])("rejects %#", (extra, message) => {
    expect(() => connectionOf(flow(extra))).toThrow(FlowError);
    expect(() => connectionOf(flow(extra))).toThrow(message);
  });
});
