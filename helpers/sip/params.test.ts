import { describe, expect, it } from "vitest";
import { ascii, pattern } from "./chars.ts";
import { dialectOf } from "./dialect.ts";
import type { Match } from "./header.ts";
import { numberRead } from "./numbers.ts";
import {
  parseAddressParam,
  parseNumericalParam,
  parseParam,
  parseTransport,
  Transport,
} from "./params.ts";

const strict = dialectOf(4, true);
const legacy = dialectOf(4, false);
const m: Match = { off: 0, len: 0 };

describe("parseParam", () => {
  it("reads a value up to ';' within the list value (up to the next ',')", () => {
    const t = ";transport=tcp;lr, <sip:x;transport=udp>\r\n";
    expect(parseParam(ascii(t), 0, t.length, pattern("transport="), m)).toBe(true);
    expect(t.slice(m.off, m.off + m.len)).toBe("tcp");
    expect(parseParam(ascii(";lr, <sip:x;ttl=1>\r\n"), 0, 20, pattern("ttl="), m)).toBe(false);
  });
});

describe("parseTransport", () => {
  const transport = (t: string, own = Transport.Udp) =>
    parseTransport(ascii(t), 0, t.length, own, m);
  it("takes the connection's transport when absent, refuses another or an unknown one", () => {
    expect(transport(">\r\n")).toBe(Transport.Udp);
    expect(transport(";transport=UDP>\r\n")).toBe(Transport.Udp);
    expect(transport(";transport=tcp>\r\n")).toBe(Transport.None);
    expect(transport(";transport=tcp>\r\n", Transport.Tcp)).toBe(Transport.Tcp);
    expect(transport(";transport=sctp>\r\n")).toBe(Transport.None);
  });
});

describe("parseNumericalParam", () => {
  const num = (t: string, dialect = strict) => {
    const ret = parseNumericalParam(ascii(t), 0, t.length, pattern("expires="), dialect, m);
    return ret > 0 ? numberRead.value : ret;
  };
  it("is 0 when absent, -1 without digits (the 2023 fix)", () => {
    expect(num(">;q=1\r\n")).toBe(0);
    expect(num(">;expires=\r\n")).toBe(-1);
    expect(num(">;expires=x\r\n")).toBe(-1);
  });
  it("reads base 10 bounded (strict), base 0 before", () => {
    expect(num(">;expires=0x10\r\n")).toBe(0);
    expect(num(">;expires=0x10\r\n", legacy)).toBe(16);
    expect(num(">;expires=010\r\n", legacy)).toBe(8);
    expect(num(">;expires=4294967297\r\n")).toBe(-1);
    expect(num(">;expires=4294967297\r\n", legacy)).toBe(1);
  });
});

describe("parseAddressParam", () => {
  it("reads an address after the name, bracketed IPv6 when delimited", () => {
    const out = new Uint8Array(16);
    const t = ";received=198.51.100.1;rport\r\n";
    expect(
      parseAddressParam(ascii(t), 0, t.length, pattern("received="), false, strict, m, out),
    ).toBe(true);
    expect(t.slice(m.off, m.off + m.len)).toBe("198.51.100.1");
    const v6 = ";maddr=2001:db8::1;x\r\n";
    const d6 = dialectOf(6, true);
    expect(parseAddressParam(ascii(v6), 0, v6.length, pattern("maddr="), true, d6, m, out)).toBe(
      false,
    );
    expect(parseAddressParam(ascii(v6), 0, v6.length, pattern("maddr="), false, d6, m, out)).toBe(
      true,
    );
  });
});
