import { describe, expect, it } from "vitest";
import {
  parseAddressParam,
  parseNumericalParam,
  parseParam,
  parseTransport,
} from "./parameters.ts";
import { lenient, strict, testContext, textMessage } from "./test-support.ts";

const numeric = (text: string, config: Record<string, unknown> = lenient) => {
  const message = textMessage(text);
  const found = parseNumericalParam(
    testContext({ config }),
    message,
    0,
    message.length,
    "expires=",
  );
  return [found.ret, found.value];
};

describe("parseNumericalParam (§6.3, Part B 2023-07, 2026-04)", () => {
  it("before 2026-04 base 0: 0x10 = 16, 010 = 8; since, base 10", () => {
    expect(numeric(">;expires=0x10\r\n")).toEqual([1, 16]);
    expect(numeric(">;expires=010\r\n")).toEqual([1, 8]);
    expect(numeric(">;expires=0x10\r\n", strict)).toEqual([1, 0]);
    expect(numeric(">;expires=010\r\n", strict)).toEqual([1, 10]);
  });
  it("a name without digits is -1; an absent name 0; only up to the next ','", () => {
    expect(numeric(">;expires=\r\n")).toEqual([-1, 0]);
    expect(numeric(">;expires=;x\r\n", strict)[0]).toBe(-1);
    expect(numeric(">;q=1\r\n")).toEqual([0, 0]);
    expect(numeric(">, <sip:b@x>;expires=5\r\n")[0]).toBe(0);
    expect(numeric(">;EXPIRES=5\r\n")).toEqual([1, 5]);
  });
  it("above UINT_MAX wraps before 2026-04 and fails since", () => {
    expect(numeric(">;expires=4294967301\r\n")).toEqual([1, 5]);
    expect(numeric(">;expires=4294967301\r\n", strict)[0]).toBe(-1);
  });
});

describe("parseParam / parseTransport / parseAddressParam", () => {
  it("a value runs to ';' or the stretch's end", () => {
    const message = textMessage(";transport=tcp;lr\r\n");
    expect(parseParam(message, 0, message.length, "transport=")).toEqual({
      matchoff: 11,
      matchlen: 3,
    });
  });
  it("transport= must name the connection's protocol (first 3 letters, any case)", () => {
    const transport = (text: string, l4: "udp" | "tcp") => {
      const message = textMessage(text);
      return parseTransport(testContext({ l4 }), message, 0, message.length);
    };
    expect(transport(";transport=TCPx\r\n", "tcp")).toBe("tcp");
    expect(transport(";transport=tcp\r\n", "udp")).toBeNull();
    expect(transport(";transport=tls\r\n", "tcp")).toBeNull();
    expect(transport(";lr\r\n", "udp")).toBe("udp");
  });
  it("reads an address parameter", () => {
    const message = textMessage(";received=10.0.0.2;rport\r\n");
    const found = parseAddressParam(testContext(), message, 0, message.length, "received=", false);
    expect(found).toEqual({ matchoff: 10, matchlen: 8, addr: "10.0.0.2" });
  });
});
