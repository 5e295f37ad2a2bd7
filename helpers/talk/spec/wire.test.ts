import { describe, expect, it } from "vitest";
import {
  NTALK_MSG,
  NTALK_RESPONSE,
  NTALK2_RESPONSE,
  type OSockAddr,
  readStructure,
  sizeOf,
  TALK_MSG,
  TALK_RESPONSE,
  writeStructure,
} from "./wire.ts";

describe("talk wire structures", () => {
  it("have the sizes of <protocols/talkd.h>", () => {
    expect(sizeOf(TALK_MSG)).toBe(76);
    expect(sizeOf(NTALK_MSG)).toBe(84);
    expect(sizeOf(TALK_RESPONSE)).toBe(24);
    expect(sizeOf(NTALK_RESPONSE)).toBe(24);
    expect(sizeOf(NTALK2_RESPONSE)).toBe(36);
  });

  it("reads an ntalk answer field by field", () => {
    const bytes = Uint8Array.of(
      1,
      1,
      0,
      0,
      0,
      0,
      1,
      2,
      0,
      2,
      7,
      208,
      203,
      0,
      113,
      9,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
    );
    const answer = readStructure(bytes, NTALK_RESPONSE);
    expect(answer).not.toBeNull();
    expect(answer?.vers).toBe(1);
    expect(answer?.type).toBe(1);
    expect(answer?.id_num).toBe(258);
    const addr = answer?.addr as OSockAddr;
    expect([addr.family, addr.port, addr.ip]).toEqual([2, 2000, "203.0.113.9"]);
  });

  it("reads nothing from a short datagram", () => {
    expect(readStructure(new Uint8Array(23), TALK_RESPONSE)).toBeNull();
  });

  it("writes back what it read, byte for byte, and changed fields only", () => {
    const bytes = Uint8Array.from({ length: 76 }, (_, i) => (i * 37) & 0xff);
    const message = readStructure(bytes, TALK_MSG)!;
    expect(writeStructure(bytes, TALK_MSG, message)).toEqual(bytes);
    const ctl = message.ctl_addr as OSockAddr;
    message.ctl_addr = { ...ctl, ip: "198.51.100.1", port: 517 };
    const out = writeStructure(bytes, TALK_MSG, message);
    expect([...out.subarray(60, 68)]).toEqual([...bytes.subarray(60, 62), 2, 5, 198, 51, 100, 1]);
    expect([...out.subarray(0, 60)]).toEqual([...bytes.subarray(0, 60)]);
    expect([...out.subarray(68)]).toEqual([...bytes.subarray(68)]);
  });
});
