import { describe, expect, it } from "vitest";
import { type Flow, FlowError } from "../core/model.ts";
import { connectionOf, type FlowRules } from "./connection.ts";

const udp: FlowRules = { helper: "tftp", l4: "udp" };
const ipv4Tcp: FlowRules = { helper: "irc", l4: "tcp", ipv4Only: true };

const base: Flow = {
  helper: "tftp",
  l4: "udp",
  client: { addr: "10.0.0.2", port: 40000 },
  server: { addr: "203.0.113.5", port: 69 },
  segments: [],
};

describe("connectionOf", () => {
  it("builds both tuples; reply.dst is the client as the server sees it", () => {
    expect(connectionOf(base, udp)).toEqual({
      l4: "udp",
      family: 4,
      tuple: {
        orig: { src: "10.0.0.2", sport: 40000, dst: "203.0.113.5", dport: 69 },
        reply: { src: "203.0.113.5", sport: 69, dst: "10.0.0.2", dport: 40000 },
      },
      natted: false,
    });
    const natted = connectionOf({ ...base, nat: { client: { addr: "198.51.100.1" } } }, udp);
    expect(natted.tuple.reply.dst).toBe("198.51.100.1");
    expect(natted.tuple.reply.dport).toBe(40000);
    expect(natted.natted).toBe(true);
  });
  it("source NAT onto the client's own address is no NAT (§1.4)", () => {
    const same = connectionOf({ ...base, nat: { client: { addr: "10.0.0.2" } } }, udp);
    expect(same.natted).toBe(false);
    const v6 = {
      ...base,
      client: { addr: "2001:db8::2", port: 40000 },
      server: { addr: "2001:db8::5", port: 69 },
    };
    expect(connectionOf({ ...v6, nat: { client: { addr: "2001:DB8:0::2" } } }, udp).natted).toBe(
      false,
    );
  });
  it("writes IPv6 addresses canonically", () => {
    const v6 = connectionOf(
      {
        ...base,
        client: { addr: "2001:DB8:0:0::2", port: 40000 },
        server: { addr: "2001:db8::5", port: 69 },
      },
      udp,
    );
    expect(v6.family).toBe(6);
    expect(v6.tuple.orig.src).toBe("2001:db8::2");
  });
  const bad: [string, Partial<Flow>, RegExp][] = [
    ["other helper", { helper: "amanda" }, /^tftp spec cannot run helper amanda$/],
    ["tcp", { l4: "tcp" }, /^tftp: l4 must be udp$/],
    ["mixed families", { server: { addr: "2001:db8::5", port: 69 } }, /different families/],
    ["NAT of another family", { nat: { client: { addr: "2001:db8::1" } } }, /another family/],
    ["not an address", { client: { addr: "host", port: 1 } }, /client.addr is not an IP/],
    ["bad port", { client: { addr: "10.0.0.2", port: 65536 } }, /client.port must be/],
    [
      "bad dir",
      { segments: [{ dir: "up" as "orig", data: new Uint8Array() }] },
      /segment 0: dir must be/,
    ],
    [
      "bad seq",
      { segments: [{ dir: "orig", data: new Uint8Array(), seq: 0.5 }] },
      /segment 0: seq must be an integer/,
    ],
  ];
  for (const [name, change, message] of bad) {
    it(`FlowError: ${name}`, () => {
      expect(() => connectionOf({ ...base, ...change }, udp)).toThrow(FlowError);
      expect(() => connectionOf({ ...base, ...change }, udp)).toThrow(message);
    });
  }
  it("an IPv4-only helper names itself for any IPv6 address", () => {
    const irc: Flow = { ...base, helper: "irc", l4: "tcp" };
    expect(connectionOf(irc, ipv4Tcp).family).toBe(4);
    for (const change of [
      { server: { addr: "2001:db8::5", port: 6667 } },
      { nat: { client: { addr: "2001:db8::1" } } },
    ]) {
      expect(() => connectionOf({ ...irc, ...change }, ipv4Tcp)).toThrow(/^irc is IPv4 only$/);
    }
  });
});

describe("connectionOf with several transports (docs/sip.md, config options)", () => {
  const both: FlowRules = { helper: "sip", l4: ["udp", "tcp"] };
  const sip: Flow = { ...base, helper: "sip", server: { addr: "203.0.113.5", port: 5060 } };
  it("takes any listed transport and says which one the flow uses", () => {
    expect(connectionOf(sip, both).l4).toBe("udp");
    expect(connectionOf({ ...sip, l4: "tcp" }, both).l4).toBe("tcp");
  });
  it("names every accepted transport in the FlowError", () => {
    const only: FlowRules = { helper: "sip", l4: ["udp"] };
    expect(() => connectionOf({ ...sip, l4: "tcp" }, only)).toThrow(/^sip: l4 must be udp$/);
    expect(() => connectionOf({ ...sip, l4: "sctp" as "tcp" }, both)).toThrow(
      /^sip: l4 must be udp or tcp$/,
    );
  });
});
