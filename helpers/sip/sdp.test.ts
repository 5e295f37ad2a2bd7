import { describe, expect, it } from "vitest";
import { ascii } from "./chars.ts";
import { dialectOf } from "./dialect.ts";
import type { Match } from "./header.ts";
import { getSdpHeader, mediaClass, parseSdpAddr, SdpType } from "./sdp.ts";

const v4 = dialectOf(4, true);
const v6 = dialectOf(6, true);
const m: Match = { off: 0, len: 0 };
const body =
  "X\r\nv=0\r\no=- 1 1 IN IP4 10.0.0.2\r\nc=IN IP4 10.0.0.3\r\nm=audio 7078 RTP/AVP 0\r\nc=IN IP4 10.0.0.4\r\n";

function sdp(type: SdpType, term = SdpType.Unspec, from = 0, text = body, dialect = v4) {
  const ret = getSdpHeader(ascii(text), from, text.length, type, term, dialect, m);
  return ret > 0 ? text.slice(m.off, m.off + m.len) : ret;
}

describe("getSdpHeader", () => {
  it("finds v=, o=, c= and m= values at line starts", () => {
    expect(sdp(SdpType.Version)).toBe("0");
    expect(sdp(SdpType.Owner)).toBe("10.0.0.2");
    expect(sdp(SdpType.Connection, SdpType.Media)).toBe("10.0.0.3");
    expect(sdp(SdpType.Media)).toBe("audio 7078");
  });
  it("stops at the terminating type", () => {
    const mediaFirst = "X\r\nv=0\r\nm=audio 1 RTP\r\nc=IN IP4 10.0.0.4\r\n";
    expect(sdp(SdpType.Connection, SdpType.Media, 0, mediaFirst)).toBe(0);
    expect(sdp(SdpType.Connection, SdpType.Unspec, 0, mediaFirst)).toBe("10.0.0.4");
  });
  it("wants IN IP4/IN IP6 by family, case-sensitive, on the same line", () => {
    expect(sdp(SdpType.Owner, SdpType.Unspec, 0, body, v6)).toBe(-1);
    expect(sdp(SdpType.Connection, SdpType.Unspec, 0, "X\r\nc=in ip4 10.0.0.1\r\n")).toBe(-1);
    expect(sdp(SdpType.Connection, SdpType.Unspec, 0, "X\r\nC=IN IP6 2001:db8::1\r\n", v6)).toBe(
      "2001:db8::1",
    );
  });
  it("takes 'media SP digits' from m=, -1 without the space", () => {
    expect(sdp(SdpType.Media, SdpType.Unspec, 0, "X\r\nm=audio\r\n")).toBe(-1);
    expect(sdp(SdpType.Media, SdpType.Unspec, 0, "X\r\nm=video 0 RTP\r\n")).toBe("video 0");
  });
});

describe("parseSdpAddr and mediaClass", () => {
  it("reads the address and the media class (case-sensitive)", () => {
    const out = new Uint8Array(16);
    expect(
      parseSdpAddr(ascii(body), 0, body.length, SdpType.Connection, SdpType.Media, v4, m, out),
    ).toBe(1);
    expect([...out.subarray(0, 4)]).toEqual([10, 0, 0, 3]);
    const media = (t: string) => {
      getSdpHeader(ascii(t), 0, t.length, SdpType.Media, SdpType.Unspec, v4, m);
      return mediaClass(ascii(t), m);
    };
    expect(media("X\nm=audio 1 RTP\n")).toBe(1);
    expect(media("X\nm=video 1 RTP\n")).toBe(2);
    expect(media("X\nm=image 1 udptl\n")).toBe(3);
    expect(media("X\nm=Audio 1 RTP\n")).toBe(0);
    expect(media("X\nm=application 1 UDP\n")).toBe(0);
  });
});
