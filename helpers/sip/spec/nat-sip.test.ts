import { describe, expect, it } from "vitest";
import { mapAddr, natSipMessage } from "./nat-sip.ts";
import { CLIENT, messageText, NAT, SERVER, testContext, textMessage } from "./test-support.ts";

describe("mapAddr (§6.8)", () => {
  it("the sender becomes its NAT address, always written with a port", () => {
    const context = testContext({ nat: true });
    const message = textMessage(`x@${CLIENT}>`);
    expect(mapAddr(context, message, 2, CLIENT.length, CLIENT, 5060)).toBe(true);
    expect(messageText(message)).toBe(`x@${NAT}:5060>`);
  });
  it("another port or address stays", () => {
    const context = testContext({ nat: true });
    const message = textMessage(`x@${CLIENT}:5062>`);
    mapAddr(context, message, 2, CLIENT.length + 5, CLIENT, 5062);
    expect(messageText(message)).toBe(`x@${CLIENT}:5062>`);
  });
  it("in a reply the NAT address goes back to the client", () => {
    const context = testContext({ nat: true, dir: "reply" });
    const message = textMessage(`x@${NAT}:5060>`);
    mapAddr(context, message, 2, NAT.length + 5, NAT, 5060);
    expect(messageText(message)).toBe(`x@${CLIENT}:5060>`);
  });
});

describe("natSipMessage (§6.8)", () => {
  it("rewrites Via (+maddr=), every Contact of a list, From; leaves To naming the server", () => {
    const context = testContext({ nat: true });
    const message = textMessage(
      `OPTIONS sip:${SERVER} SIP/2.0\r\nVia: SIP/2.0/UDP ${CLIENT}:5060;maddr=${CLIENT}\r\n` +
        `Contact: <sip:a@${CLIENT}:5060>, <sip:b@${CLIENT}:5060>\r\nFrom: <sip:a@${CLIENT}:5060>\r\n` +
        `To: <sip:${SERVER}>\r\n\r\n`,
    );
    expect(natSipMessage(context, message)).toBe("accept");
    const out = messageText(message);
    expect(out).toContain(`Via: SIP/2.0/UDP ${NAT}:5060;maddr=${NAT}\r\n`);
    expect(out).toContain(`Contact: <sip:a@${NAT}:5060>, <sip:b@${NAT}:5060>\r\n`);
    expect(out).toContain(`From: <sip:a@${NAT}:5060>`);
    expect(out).toContain(`To: <sip:${SERVER}>\r\n`);
    expect(out).toContain(`OPTIONS sip:${SERVER} SIP/2.0`);
  });
});
