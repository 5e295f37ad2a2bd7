import { describe, expect, it } from "vitest";
import { flushExpectations, processRegisterRequest, processRegisterResponse } from "./register.ts";
import { CLIENT, SERVER, testContext, textMessage } from "./test-support.ts";

const req = (contact: string) =>
  `REGISTER sip:x SIP/2.0\r\nExpires: 60\r\nContact: ${contact}\r\nContent-Length: 0\r\n\r\n`;

describe("processRegisterRequest (§6.6)", () => {
  it("expects the registrar toward the Contact and stores the CSeq", () => {
    const context = testContext();
    expect(processRegisterRequest(context, textMessage(req(`<sip:a@${CLIENT}:5070>`)), 9)).toBe(
      "accept",
    );
    expect(context.expectations.live).toEqual([
      { l4: "udp", src: SERVER, sport: null, dst: CLIENT, dport: 5070 },
    ]);
    expect(context.master.registerCseq).toBe(9);
  });
  it("a third party expects nothing and stores no CSeq", () => {
    const context = testContext();
    processRegisterRequest(context, textMessage(req("<sip:a@192.0.2.9:5070>")), 9);
    expect(context.expectations.created).toEqual([]);
    expect(context.master.registerCseq).toBe(0);
  });
  it("measured: > UINT_MAX expires= drops (strict); the Expires header then reads 0", () => {
    const context = testContext();
    const big = req(`<sip:a@${CLIENT}:5070>;expires=4294967296`);
    expect(processRegisterRequest(context, textMessage(big), 1)).toBe("drop");
    const header = req(`<sip:a@${CLIENT}:5070>`).replace("Expires: 60", "Expires: 4294967296");
    expect(processRegisterRequest(context, textMessage(header), 1)).toBe("accept");
    expect(context.expectations.created).toEqual([]);
  });
});

describe("processRegisterResponse / flushExpectations (§6.6)", () => {
  it("a 2xx naming our Contact keeps it; a Contact of another address does not", () => {
    const context = testContext({ dir: "reply" });
    const signalling = { l4: "udp" as const, src: SERVER, sport: null, dst: CLIENT, dport: 5070 };
    context.expectations.insert(signalling, 0);
    context.master.registerCseq = 3;
    const ok = (contact: string) =>
      textMessage(`SIP/2.0 200 OK\r\nContact: ${contact}\r\nContent-Length: 0\r\n\r\n`);
    expect(processRegisterResponse(context, ok(`<sip:a@${CLIENT}:5070>;expires=5`), 3, 200)).toBe(
      "accept",
    );
    expect(context.expectations.live).toHaveLength(1);
    processRegisterResponse(context, ok("<sip:a@192.0.2.9:5070>;expires=5"), 3, 200);
    expect(context.expectations.live).toHaveLength(0);
  });
  it("flush(media) removes every media class; flush(signalling) one signalling", () => {
    const context = testContext();
    const at = (dport: number) => ({
      l4: "udp" as const,
      src: null,
      sport: null,
      dst: CLIENT,
      dport,
    });
    context.expectations.insert(at(1), 0);
    context.expectations.insert(at(2), 1);
    context.expectations.insert(at(3), 3);
    flushExpectations(context, true);
    expect(context.expectations.live.map((e) => e.dport)).toEqual([1]);
    flushExpectations(context, false);
    expect(context.expectations.live).toEqual([]);
  });
});
