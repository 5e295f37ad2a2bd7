import { describe, expect, it } from "vitest";
import {
  FIXTURE_CLIENT as C,
  fixtureMessage,
  fixtureText,
  FIXTURE_NAT as N,
} from "./message-fixture.ts";
import { mangleContentLength, natSdpSession } from "./nat-sdp.ts";

const nat = { nat: { client: { addr: N } } };
const body = `v=0\r\no=- 1 1 IN IP4 ${C}\r\nc=IN IP4 ${C}\r\nm=audio 7078 RTP/AVP 0\r\n`;

describe("mangleContentLength", () => {
  it("writes the bytes from v= to the end of the message", () => {
    const m = fixtureMessage(`X\r\nl: 1\r\n\r\n${body}`, "orig", nat);
    expect(mangleContentLength(m)).toBe(true);
    expect(fixtureText(m)).toContain(`l: ${body.length}\r\n`);
  });
  it("fails without a Content-Length header or a v= line", () => {
    expect(mangleContentLength(fixtureMessage(`X\r\n\r\n${body}`, "orig", nat))).toBe(false);
    expect(mangleContentLength(fixtureMessage("X\r\nl: 0\r\n\r\n", "orig", nat))).toBe(false);
  });
});

describe("natSdpSession", () => {
  it("rewrites o= and the session c= with the address, and needs an o=", () => {
    const m = fixtureMessage(`X\r\nl: 0\r\n\r\n${body}`, "orig", nat);
    const nBytes = Uint8Array.of(198, 51, 100, 7);
    expect(natSdpSession(m, m.data.indexOf(0x76) + 2, nBytes)).toBe(true);
    expect(fixtureText(m)).toContain(`o=- 1 1 IN IP4 ${N}\r\nc=IN IP4 ${N}\r\n`);
    const noOwner = fixtureMessage(`X\r\nl: 0\r\n\r\nv=0\r\nc=IN IP4 ${C}\r\n`, "orig", nat);
    expect(natSdpSession(noOwner, 0, nBytes)).toBe(false);
  });
});
