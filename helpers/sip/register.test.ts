import { describe, expect, it } from "vitest";
import { FIXTURE_CLIENT as C, fixtureMessage } from "./message-fixture.ts";
import { processRegisterRequest, processRegisterResponse } from "./register.ts";

const request = (contact: string, extra = "Expires: 60\r\n") =>
  `REGISTER sip:r SIP/2.0\r\nContact: ${contact}\r\n${extra}\r\n`;

describe("processRegisterRequest", () => {
  it("expects the Contact and remembers the CSeq, or drops a bad Contact port (legacy)", () => {
    const m = fixtureMessage(request(`<sip:a@${C}:6000>`));
    expect(processRegisterRequest(m, 7)).toBe(true);
    expect(m.state.registerCseq).toBe(7);
    expect(m.expectations.find(() => true)).toMatchObject({ dst: C, dport: 6000, l4: "udp" });
    const bad = fixtureMessage(request(`<sip:a@${C}:80>`), "orig", {}, { strictParsing: false });
    expect(processRegisterRequest(bad, 1)).toBe(false);
  });
  it("stores the CSeq of an unregistering request (expires 0) without expecting", () => {
    const m = fixtureMessage(request(`<sip:a@${C}:6000>;expires=0`));
    expect(processRegisterRequest(m, 9)).toBe(true);
    expect(m.state.registerCseq).toBe(9);
    expect(m.expectations.find(() => true)).toBeUndefined();
  });
});

describe("processRegisterResponse", () => {
  it("finds the binding among several Contacts of a list", () => {
    const m = fixtureMessage(request(`<sip:a@${C}:6000>`));
    processRegisterRequest(m, 3);
    const answer = fixtureMessage(
      `SIP/2.0 200 OK\r\nContact: <sip:b@192.0.2.1>;expires=60, <sip:a@${C}:6000>;expires=60\r\n\r\n`,
      "reply",
    );
    answer.state = m.state;
    answer.expectations = m.expectations;
    expect(processRegisterResponse(answer, 3, 200)).toBe(true);
    expect(m.expectations.find(() => true)).toBeDefined();
    expect(processRegisterResponse(answer, 3, 500)).toBe(true);
    expect(m.expectations.find(() => true)).toBeUndefined();
  });
});
