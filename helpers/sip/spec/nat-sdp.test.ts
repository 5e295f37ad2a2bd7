import { describe, expect, it } from "vitest";
import type { Expectation } from "../../core/model.ts";
import { mangleContentLength, natSdpMedia, natSdpSession } from "./nat-sdp.ts";
import { CLIENT, messageText, NAT, SERVER, testContext, textMessage } from "./test-support.ts";

const HEAD = "INVITE sip:x SIP/2.0\r\nContent-Length: 1\r\n\r\n";
const at = (dport: number): Expectation => ({
  l4: "udp",
  src: SERVER,
  sport: null,
  dst: CLIENT,
  dport,
});

describe("mangleContentLength (§6.8)", () => {
  it("writes the bytes from v= to the end; fails without v= or without the header", () => {
    const message = textMessage(`${HEAD}v=0\r\nx\r\n`);
    expect(mangleContentLength(testContext({ nat: true }), message)).toBe(true);
    expect(messageText(message)).toContain("Content-Length: 8\r\n");
    expect(mangleContentLength(testContext({ nat: true }), textMessage(`${HEAD}x=0\r\n`))).toBe(
      false,
    );
    const noHeader = textMessage("INVITE sip:x SIP/2.0\r\n\r\nv=0\r\n");
    expect(mangleContentLength(testContext({ nat: true }), noHeader)).toBe(false);
  });
});

describe("natSdpSession (§6.8)", () => {
  it("o= is required; a missing session c= is fine", () => {
    const context = testContext({ nat: true });
    const noOwner = textMessage(`${HEAD}v=0\r\nc=IN IP4 ${CLIENT}\r\n`);
    expect(natSdpSession(context, noOwner, HEAD.length + 2, NAT)).toBe("drop");
    const noConnection = textMessage(`${HEAD}v=0\r\no=u 1 1 IN IP4 ${CLIENT}\r\nm=audio 1 RTP\r\n`);
    expect(natSdpSession(context, noConnection, HEAD.length + 2, NAT)).toBe("accept");
    expect(messageText(noConnection)).toContain(`o=u 1 1 IN IP4 ${NAT}\r\n`);
  });
});

describe("natSdpMedia (§6.9)", () => {
  it("keeps the port when free; else steps by 2 and rewrites the m= port", () => {
    const context = testContext({ nat: true });
    context.expectations.insert({ ...at(4001), dst: NAT, src: null }, 1);
    const text = `${HEAD}v=0\r\nm=audio 4000 RTP\r\n`;
    const message = textMessage(text);
    const mediaoff = text.indexOf("4000");
    const result = natSdpMedia(context, message, at(4000), at(4001), 1, mediaoff, 4);
    expect(result).toEqual({ verdict: "accept", rtpAddr: NAT });
    expect(context.expectations.live.map((e) => e.dport)).toEqual([4001, 4002, 4003]);
    // 4000 went in and came out again (its RTCP clashed): a creation all the same.
    expect(context.expectations.created.map((e) => e.dport)).toEqual([4001, 4000, 4002, 4003]);
    expect(messageText(message)).toContain("m=audio 4002 RTP");
  });
  it("the last pair 65534/65535 taken ⇒ the port wraps to 0 ⇒ drop", () => {
    const context = testContext({ nat: true });
    context.expectations.insert({ ...at(65534), dst: NAT, src: null }, 1);
    const message = textMessage(`${HEAD}v=0\r\nm=audio 65534 RTP\r\n`);
    const result = natSdpMedia(context, message, at(65534), at(65535), 1, 0, 5);
    expect(result.verdict).toBe("drop");
  });
});
