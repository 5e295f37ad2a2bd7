import { describe, expect, it } from "vitest";
import { processSipMessage } from "./messages.ts";
import { CLIENT, testContext, textMessage } from "./test-support.ts";

describe("processSipMessage (§6.4)", () => {
  it("a method is matched case-insensitively when ' ' and a letter follow", () => {
    const context = testContext();
    expect(processSipMessage(context, textMessage("bye sip:x SIP/2.0\r\nTo: x\r\n\r\n"))).toBe(
      "drop",
    );
    expect(processSipMessage(context, textMessage("BYEX sip:x SIP/2.0\r\nTo: x\r\n\r\n"))).toBe(
      "accept",
    );
    expect(processSipMessage(context, textMessage("BYE 1ip:x SIP/2.0\r\nTo: x\r\n\r\n"))).toBe(
      "accept",
    );
  });
  it("a response's method is the prefix after the CSeq number and one byte", () => {
    const context = testContext({ dir: "reply" });
    context.master.inviteCseq = 5;
    context.expectations.insert({ l4: "udp", src: null, sport: null, dst: CLIENT, dport: 4000 }, 1);
    const busy = (cseq: string) => textMessage(`SIP/2.0 486 Busy\r\nCSeq: ${cseq}\r\n\r\n`);
    processSipMessage(context, busy("5  INVITE"));
    expect(context.expectations.live).toHaveLength(1);
    processSipMessage(context, busy("5 INVITEX"));
    expect(context.expectations.live).toHaveLength(0);
  });
  it("a Via naming the sender with another port sets forced_dport", () => {
    const context = testContext();
    const invite = `OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP ${CLIENT}:5062\r\n\r\n`;
    processSipMessage(context, textMessage(invite));
    expect(context.master.forcedDport).toBe(5062);
  });
});
