import { describe, expect, it } from "vitest";
import { initialUdpConntrack, replyWithoutConntrack } from "./udp-conntrack.ts";

const segment = (dir: "orig" | "reply") => ({ dir, data: new Uint8Array() });

describe("the UDP conntrack's life (docs/sip.md: the first datagram dropped)", () => {
  it("a flow opened by the server already has its conntrack (the empty client datagram; k9a)", () => {
    expect(initialUdpConntrack([segment("reply"), segment("orig")])).toBe("helped");
  });
  it("a flow opened by the client has none until its first datagram passes", () => {
    expect(initialUdpConntrack([segment("orig"), segment("reply")])).toBe("none");
    expect(initialUdpConntrack([])).toBe("none");
  });
  it("a server datagram without conntrack: unhelped for good (k99), dropped under NAT (k9b)", () => {
    expect(replyWithoutConntrack(false)).toEqual({ verdict: "accept", next: "unhelped" });
    expect(replyWithoutConntrack(true)).toEqual({ verdict: "drop", next: "none" });
  });
});
