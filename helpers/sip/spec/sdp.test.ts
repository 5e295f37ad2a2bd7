import { describe, expect, it } from "vitest";
import { getSdpHeader, parseSdpAddr, sdpMediaType } from "./sdp.ts";
import { testContext, textMessage } from "./test-support.ts";

const BODY =
  "X\r\nv=0\r\no=u 1 1 IN IP4 10.0.0.2\r\nc=IN IP4 10.0.0.9\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 10.0.0.7\r\n";

describe("getSdpHeader (§6.5)", () => {
  it("finds a line by its name, stopping at the term line", () => {
    const message = textMessage(BODY);
    const context = testContext();
    const session = parseSdpAddr(context, message, 0, message.length, "connection", "media");
    expect(session.addr).toBe("10.0.0.9");
    const media = getSdpHeader(context, message, 0, message.length, "media", null);
    expect(BODY.slice(media.matchoff, media.matchoff + media.matchlen)).toBe("audio 4000");
    const own = parseSdpAddr(
      context,
      message,
      media.matchoff,
      message.length,
      "connection",
      "media",
    );
    expect(own.addr).toBe("10.0.0.7");
    const none = textMessage("X\r\nv=0\r\nm=audio 4000 RTP\r\nc=IN IP4 10.0.0.7\r\n");
    expect(parseSdpAddr(context, none, 0, none.length, "connection", "media").ret).toBe(0);
  });
  it("IN IP4 is case-sensitive and per family; a bad address is -1", () => {
    const context = testContext();
    const lower = textMessage("X\r\nc=in ip4 10.0.0.9\r\n");
    expect(getSdpHeader(context, lower, 0, lower.length, "connection", null).ret).toBe(-1);
    const v6 = textMessage("X\r\nc=IN IP6 2001:db8::9\r\n");
    expect(
      parseSdpAddr(testContext({ family: 6 }), v6, 0, v6.length, "connection", null).addr,
    ).toBe("2001:db8::9");
    expect(getSdpHeader(context, v6, 0, v6.length, "connection", null).ret).toBe(-1);
  });
  it("m= needs letters and a space; the type table is case-sensitive", () => {
    const context = testContext();
    const bad = textMessage("X\r\nm=audio\r\n");
    expect(getSdpHeader(context, bad, 0, bad.length, "media", null).ret).toBe(-1);
    const upper = textMessage("Audio 4000");
    expect(sdpMediaType(upper, 0, upper.length)).toBeNull();
    const image = textMessage("image 4000");
    expect(sdpMediaType(image, 0, image.length)?.expectClass).toBe(3);
  });
});
