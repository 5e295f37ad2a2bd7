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
});
