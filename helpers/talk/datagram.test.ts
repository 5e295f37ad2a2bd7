import { describe, expect, it } from "vitest";
import { parseTalkConfig } from "./config.ts";
import { messageFields, responseFields } from "./datagram.ts";

const all = parseTalkConfig(undefined);
const noNtalk = parseTalkConfig({ ntalk: false });
const noNtalk2 = parseTalkConfig({ ntalk2: false });

function bytes(length: number, head: number[] = []): Uint8Array {
  const data = new Uint8Array(length);
  data.set(head);
  return data;
}

describe("talk messages", () => {
  it("takes exactly 76 bytes on 517, whatever the first byte", () => {
    expect(messageFields(bytes(76, [9]), 517, all)).toEqual({ addrAt: 44, ctlAddrAt: 60 });
    expect(messageFields(bytes(75), 517, all)).toBeNull();
    expect(messageFields(bytes(77), 517, all)).toBeNull();
    expect(messageFields(bytes(84, [1]), 517, all)).toBeNull();
  });
  it("takes 84 bytes of version 1 on 518 unless ntalk is off", () => {
    expect(messageFields(bytes(84, [1]), 518, all)).toEqual({ addrAt: 8, ctlAddrAt: 24 });
    expect(messageFields(bytes(84, [1]), 518, noNtalk)).toBeNull();
    expect(messageFields(bytes(84, [0]), 518, all)).toBeNull();
    expect(messageFields(bytes(76), 518, all)).toBeNull();
  });
  it("takes version 2 when its length is 84 plus the extended byte", () => {
    expect(messageFields(bytes(84, [2, 3, 0, 0]), 518, all)).toEqual({ addrAt: 8, ctlAddrAt: 24 });
    expect(messageFields(bytes(90, [2, 3, 0, 6]), 518, all)).not.toBeNull();
    expect(messageFields(bytes(90, [2, 3, 0, 5]), 518, all)).toBeNull();
    expect(messageFields(bytes(84 + 255, [2, 0, 0, 255]), 518, all)).not.toBeNull();
    expect(messageFields(bytes(84, [2]), 518, noNtalk2)).toBeNull();
  });
});

describe("talk responses", () => {
  it("takes exactly 24 bytes on 517 with type and answer first", () => {
    expect(responseFields(bytes(24, [3, 0]), 517, all)).toEqual({ type: 3, answer: 0, addrAt: 8 });
    expect(responseFields(bytes(23), 517, all)).toBeNull();
    expect(responseFields(bytes(36, [2]), 517, all)).toBeNull();
  });
  it("takes 24 bytes of version 1 on 518 with the version byte first", () => {
    expect(responseFields(bytes(24, [1, 1, 0]), 518, all)).toEqual({
      type: 1,
      answer: 0,
      addrAt: 8,
    });
    expect(responseFields(bytes(24, [1, 1, 0]), 518, noNtalk)).toBeNull();
    expect(responseFields(bytes(24, [0, 1, 0]), 518, all)).toBeNull();
    expect(responseFields(bytes(25, [1, 1, 0]), 518, all)).toBeNull();
  });
  it("takes version 2 from 36 bytes on, of any greater length", () => {
    expect(responseFields(bytes(36, [2, 3, 0]), 518, all)).not.toBeNull();
    expect(responseFields(bytes(500, [2, 3, 0]), 518, all)).not.toBeNull();
    expect(responseFields(bytes(35, [2, 3, 0]), 518, all)).toBeNull();
    expect(responseFields(bytes(24, [2, 3, 0]), 518, all)).toBeNull();
    expect(responseFields(bytes(36, [2, 3, 0]), 518, noNtalk2)).toBeNull();
  });
});
