import { describe, expect, it } from "vitest";
import { processSdp } from "./media.ts";
import { CLIENT, messageText, NAT, SERVER, testContext, textMessage } from "./test-support.ts";

const body = (media: string, session = `c=IN IP4 ${CLIENT}\r\n`) =>
  `X\r\nContent-Length: 0\r\n\r\nv=0\r\no=u 1 1 IN IP4 ${CLIENT}\r\n${session}m=${media}\r\n`;

describe("processSdp (§6.5)", () => {
  it("expects RTP and RTCP toward the SDP address from the peer, classed by media", () => {
    const context = testContext();
    expect(processSdp(context, textMessage(body("video 4002 RTP/AVP 31")))).toBe("accept");
    expect(
      context.expectations.liveEntries.map((e) => [e.expectation.dport, e.expectClass]),
    ).toEqual([
      [4002, 2],
      [4003, 2],
    ]);
    expect(context.expectations.live[0].src).toBe(SERVER);
  });
  it("no v= line: nothing at all; v= without digits: nothing", () => {
    const context = testContext();
    expect(processSdp(context, textMessage(body("audio 4000 RTP").replace("v=0", "x=0")))).toBe(
      "accept",
    );
    expect(processSdp(context, textMessage(body("audio 4000 RTP").replace("v=0", "v=x")))).toBe(
      "accept",
    );
    expect(context.expectations.created).toEqual([]);
  });
  it("under NAT the SDP names the NAT address and Content-Length follows", () => {
    const context = testContext({ nat: true });
    const message = textMessage(body("audio 4000 RTP/AVP 0"));
    expect(processSdp(context, message)).toBe("accept");
    const out = messageText(message);
    expect(out).toContain(`o=u 1 1 IN IP4 ${NAT}\r\nc=IN IP4 ${NAT}\r\n`);
    expect(out).toContain(`Content-Length: ${out.length - out.indexOf("v=0")}\r\n`);
    expect(context.expectations.live.map((e) => e.dst)).toEqual([NAT, NAT]);
  });
  it("an RTCP clash unwinds the RTP expectation and drops (non-NAT path)", () => {
    const context = testContext({ config: { directMedia: false } });
    context.expectations.insert(
      { l4: "udp", src: SERVER, sport: null, dst: CLIENT, dport: 4001 },
      1,
    );
    expect(processSdp(context, textMessage(body("audio 4000 RTP/AVP 0")))).toBe("drop");
    expect(context.expectations.live.map((e) => e.dport)).toEqual([4001]);
    expect(context.expectations.created.map((e) => e.dport)).toEqual([4001, 4000]);
  });
  it("NAT, no media processed: o= stays (measured, D1); before the 2026-03 fix it became 0.0.0.0", () => {
    // docs/sip.md D1: no c=, no m= ⇒ 6.18.44 leaves o= as it is (have_rtp_addr).
    const noMedia = `X\r\nContent-Length: 0\r\n\r\nv=0\r\no=- 1 1 IN IP4 ${CLIENT}\r\ns=-\r\nt=0 0\r\n`;
    const fixed = textMessage(noMedia);
    expect(processSdp(testContext({ nat: true }), fixed)).toBe("accept");
    expect(messageText(fixed)).toBe(noMedia);
    // The 2026-03 commit: rtp_addr was never set, and with CONFIG_INIT_STACK_ALL_ZERO the
    // session o= (and c=) were rewritten to 0.0.0.0.
    const old = textMessage(noMedia);
    expect(processSdp(testContext({ nat: true, config: { strictParsing: false } }), old)).toBe(
      "accept",
    );
    expect(messageText(old)).toContain("o=- 1 1 IN IP4 0.0.0.0\r\n");
    // An inactive stream with a session c=: the fix starts rtp_addr at that c= (here the
    // client's own address, so o=/c= keep their text; the session rewrite still writes
    // Content-Length); before it, all-zero again.
    const inactive = body("audio 0 RTP/AVP 0");
    const fixedInactive = textMessage(inactive);
    processSdp(testContext({ nat: true }), fixedInactive);
    const sdpLength = inactive.length - inactive.indexOf("v=0");
    expect(messageText(fixedInactive)).toBe(
      inactive.replace("Content-Length: 0", `Content-Length: ${sdpLength}`),
    );
    const oldInactive = textMessage(inactive);
    processSdp(testContext({ nat: true, config: { strictParsing: false } }), oldInactive);
    expect(messageText(oldInactive)).toContain("o=u 1 1 IN IP4 0.0.0.0\r\nc=IN IP4 0.0.0.0\r\n");
  });
});
