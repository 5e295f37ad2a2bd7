import { describe, expect, it } from "vitest";
import { bodySize, bodyU8, bodyU16, controlMessageType, MSG, withBodyU16 } from "./messages.ts";

function message(type: number, bodyLength: number, cookie = 0x1a2b3c4d, packetType = 1) {
  const data = new Uint8Array(12 + bodyLength);
  const view = new DataView(data.buffer);
  view.setUint16(0, data.length);
  view.setUint16(2, packetType);
  view.setUint32(4, cookie);
  view.setUint16(8, type);
  return data;
}

describe("controlMessageType", () => {
  it("reads the type of a control message with a full body", () => {
    expect(controlMessageType(message(MSG.OUT_CALL_REPLY, 20))).toBe(8);
    expect(controlMessageType(message(MSG.START_SESSION_REQUEST, 144))).toBe(1);
    expect(controlMessageType(message(MSG.IN_CALL_REQUEST, 300))).toBe(9);
  });
  it("ignores a body one byte short of its struct", () => {
    expect(controlMessageType(message(MSG.OUT_CALL_REPLY, 19))).toBeNull();
    expect(controlMessageType(message(MSG.IN_CALL_REQUEST, 207))).toBeNull();
  });
  it("takes Echo and unknown types with no body at all", () => {
    expect(controlMessageType(message(MSG.ECHO_REQUEST, 0))).toBe(5);
    expect(controlMessageType(message(MSG.ECHO_REPLY, 0))).toBe(6);
    expect(controlMessageType(message(0, 0))).toBe(0);
    expect(controlMessageType(message(16, 0))).toBe(16);
  });
  it("ignores a wrong magic cookie, a management packet and a short header", () => {
    expect(controlMessageType(message(MSG.ECHO_REQUEST, 4, 0x1a2b3c4c))).toBeNull();
    expect(controlMessageType(message(MSG.ECHO_REQUEST, 4, 0x1a2b3c4d, 2))).toBeNull();
    expect(controlMessageType(message(MSG.ECHO_REQUEST, 4).subarray(0, 11))).toBeNull();
    expect(controlMessageType(new Uint8Array(0))).toBeNull();
  });
  it("does not check the length field", () => {
    const data = message(MSG.OUT_CALL_REPLY, 20);
    data[0] = 0;
    data[1] = 1;
    expect(controlMessageType(data)).toBe(8);
  });
});

describe("body fields", () => {
  it("reads and writes big-endian fields after the 12-byte header", () => {
    const data = message(MSG.OUT_CALL_REPLY, 20);
    data[12 + 2] = 0xab;
    data[12 + 3] = 0xcd;
    data[12 + 4] = 1;
    expect(bodyU16(data, 2)).toBe(0xabcd);
    expect(bodyU8(data, 4)).toBe(1);
    const changed = withBodyU16(data, 2, 65535);
    expect(bodyU16(changed, 2)).toBe(65535);
    expect(changed.length).toBe(data.length);
    expect(bodyU16(data, 2)).toBe(0xabcd);
    expect(bodySize(99)).toBe(0);
  });
});
