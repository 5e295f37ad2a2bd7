import { describe, expect, it } from "vitest";
import {
  isAnyAddress,
  NTALK_MSG_CTL_ADDR,
  NTALK_MSG_SIZE,
  NTALK2_RESPONSE_SIZE,
  readPort,
  TALK_MSG_CTL_ADDR,
  TALK_MSG_SIZE,
} from "./layout.ts";

describe("talk layout", () => {
  it("ends each message with its ctl_addr", () => {
    expect(TALK_MSG_CTL_ADDR + 16).toBe(TALK_MSG_SIZE);
    // ntalk: ctl_addr, then pid 4 + l_name 12 + r_name 12 + r_tty 16.
    expect(NTALK_MSG_CTL_ADDR + 16 + 4 + 12 + 12 + 16).toBe(NTALK_MSG_SIZE);
    expect(NTALK2_RESPONSE_SIZE).toBe(24 + 12);
  });
  it("reads ta_port in network order", () => {
    const data = Uint8Array.of(0, 2, 0x12, 0x34, 0, 0, 0, 0);
    expect(readPort(data, 0)).toBe(0x1234);
  });
  it("tells INADDR_ANY from any other ta_addr", () => {
    expect(isAnyAddress(Uint8Array.of(0, 2, 0, 0, 0, 0, 0, 0), 0)).toBe(true);
    expect(isAnyAddress(Uint8Array.of(0, 2, 0, 0, 0, 0, 0, 1), 0)).toBe(false);
    expect(isAnyAddress(Uint8Array.of(0, 2, 0, 0, 128, 0, 0, 0), 0)).toBe(false);
  });
});
