import { describe, expect, it } from "vitest";
import { MSG } from "./messages.ts";
import { inboundPeerCallIdOffset, outboundCallIdOffset } from "./nat.ts";

describe("nf_nat_pptp fields", () => {
  it("rewrites the PNS call id of three outbound messages", () => {
    expect(outboundCallIdOffset(MSG.OUT_CALL_REQUEST)).toBe(0);
    expect(outboundCallIdOffset(MSG.IN_CALL_REPLY)).toBe(0);
    expect(outboundCallIdOffset(MSG.CALL_CLEAR_REQUEST)).toBe(0);
    for (const type of [1, 3, 5, 6, 8, 15, 0, 16]) expect(outboundCallIdOffset(type)).toBeNull();
  });
  it("rewrites the peer call id of five inbound messages, Incoming-Call-Request not", () => {
    expect(inboundPeerCallIdOffset(MSG.OUT_CALL_REPLY)).toBe(2);
    for (const type of [11, 13, 14, 15]) expect(inboundPeerCallIdOffset(type)).toBe(0);
    for (const type of [2, 4, 5, 6, 9, 0, 16]) expect(inboundPeerCallIdOffset(type)).toBeNull();
  });
});
