import { describe, expect, it } from "vitest";
import { processSdp } from "./media.ts";
import { FIXTURE_CLIENT as C, fixtureMessage, FIXTURE_SERVER as S } from "./message-fixture.ts";

const message = (sdp: string, config = {}) => fixtureMessage(`X\r\n\r\n${sdp}`, "orig", {}, config);
const live = (m: ReturnType<typeof message>) =>
  (m.expectations as unknown as { live(): { dport: number; src: string | null }[] }).live();

describe("processSdp", () => {
  it("accepts a message without v= untouched", () => {
    const m = message(`c=IN IP4 ${C}\r\nm=audio 7078 RTP/AVP 0\r\n`);
    expect(processSdp(m)).toBe(true);
    expect(live(m)).toEqual([]);
  });
  it("skips unknown media types and port 0 without counting them", () => {
    const m = message(
      `v=0\r\nc=IN IP4 ${C}\r\nm=application 9 UDP\r\nm=audio 0 RTP\r\nm=text 5 RTP\r\nm=video 9000 RTP\r\nm=image 9002 udptl\r\nm=audio 9004 RTP\r\n`,
    );
    expect(processSdp(m)).toBe(true);
    expect(live(m).map((e) => e.dport)).toEqual([9000, 9001, 9002, 9003, 9004, 9005]);
    expect(live(m)[0].src).toBe(S);
  });
  it("drops a port out of range or media without any c=", () => {
    expect(processSdp(message(`v=0\r\nc=IN IP4 ${C}\r\nm=audio 70000 RTP\r\n`))).toBe(false);
    expect(processSdp(message("v=0\r\nm=audio 7078 RTP\r\n"))).toBe(false);
  });
  it("expects from anywhere without direct media", () => {
    const m = message(`v=0\r\nc=IN IP4 192.0.2.9\r\nm=audio 7078 RTP\r\n`, { directMedia: false });
    expect(processSdp(m)).toBe(true);
    expect(live(m)[0]).toMatchObject({ src: null, dport: 7078 });
  });
});
