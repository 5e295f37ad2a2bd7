import { describe, expect, it } from "vitest";
import { type Flow, FlowError } from "../../core/model.ts";
import { connectionOf } from "./connection.ts";

const base: Flow = {
  helper: "tftp",
  l4: "udp",
  client: { addr: "10.0.0.2", port: 40000 },
  server: { addr: "203.0.113.5", port: 69 },
  segments: [],
};

describe("connectionOf", () => {
  it("builds both tuples; reply.dst is the client as the server sees it", () => {
    expect(connectionOf(base)).toEqual({
      family: 4,
      tuple: {
        orig: { src: "10.0.0.2", sport: 40000, dst: "203.0.113.5", dport: 69 },
        reply: { src: "203.0.113.5", sport: 69, dst: "10.0.0.2", dport: 40000 },
      },
      natted: false,
    });
    const natted = connectionOf({ ...base, nat: { client: { addr: "198.51.100.1" } } });
    expect(natted.tuple.reply.dst).toBe("198.51.100.1");
    expect(natted.tuple.reply.dport).toBe(40000);
    expect(natted.natted).toBe(true);
  });
  it("writes IPv6 addresses canonically", () => {
    const v6 = connectionOf({
      ...base,
      client: { addr: "2001:DB8:0:0::2", port: 40000 },
      server: { addr: "2001:db8::5", port: 69 },
    });
    expect(v6.family).toBe(6);
    expect(v6.tuple.orig.src).toBe("2001:db8::2");
  });
  const bad: [string, Partial<Flow>][] = [
    ["other helper", { helper: "amanda" }],
    ["tcp", { l4: "tcp" }],
    ["mixed families", { server: { addr: "2001:db8::5", port: 69 } }],
    ["NAT of another family", { nat: { client: { addr: "2001:db8::1" } } }],
    ["not an address", { client: { addr: "host", port: 1 } }],
    ["bad port", { client: { addr: "10.0.0.2", port: 65536 } }],
    ["bad dir", { segments: [{ dir: "up" as "orig", data: new Uint8Array() }] }],
    ["bad seq", { segments: [{ dir: "orig", data: new Uint8Array(), seq: 0.5 }] }],
  ];
  for (const [name, change] of bad) {
    it(`FlowError: ${name}`, () => {
      expect(() => connectionOf({ ...base, ...change })).toThrow(FlowError);
    });
  }
});
