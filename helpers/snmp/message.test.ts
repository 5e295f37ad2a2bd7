import { describe, expect, it } from "vitest";
import { BerFailure } from "./ber.ts";
import { decodeMessage } from "./message.ts";

function tlv(tag: number, ...content: number[][]): number[] {
  const body = content.flat();
  return [tag, body.length, ...body];
}
const int = (v: number) => tlv(0x02, [v]);
const oid = tlv(0x06, [0x2b, 6, 1]);
const ip = (...a: number[]) => tlv(0x40, a);
const bind = (value: number[]) => tlv(0x30, oid, value);
const pdu = (tag: number, ...binds: number[][]) =>
  tlv(tag, int(7), int(0), int(0), tlv(0x30, ...binds));
const message = (v: number, p: number[]) => tlv(0x30, int(v), tlv(0x04, [0x70]), p);

function decode(bytes: number[]): { error: string; ips: number[] } {
  const ips: number[] = [];
  const failure = decodeMessage(Uint8Array.from(bytes), (o) => ips.push(o));
  return { error: failure instanceof BerFailure ? failure.error : "ok", ips };
}

describe("decodeMessage", () => {
  it("visits every IpAddress of a v2c response in order", () => {
    const m = message(
      1,
      pdu(0xa2, bind(ip(10, 0, 0, 2)), bind(tlv(0x05, [])), bind(ip(1, 2, 3, 4))),
    );
    const r = decode(m);
    expect(r.error).toBe("ok");
    expect(r.ips.map((o) => m.slice(o, o + 4))).toEqual([
      [10, 0, 0, 2],
      [1, 2, 3, 4],
    ]);
  });
  it("accepts every PDU of the grammar, v1 and v2c", () => {
    for (const tag of [0xa0, 0xa1, 0xa2, 0xa3, 0xa5, 0xa6, 0xa7, 0xa8]) {
      expect(decode(message(0, pdu(tag, bind(int(1))))).error).toBe("ok");
    }
  });
  it("a v1 Trap-PDU [4] is not in the grammar", () => {
    const trap = tlv(0xa4, oid, ip(10, 0, 0, 2), int(6), int(1), tlv(0x43, [1]), tlv(0x30));
    expect(decode(message(0, trap))).toEqual({ error: "unexpected-tag", ips: [] });
  });
  it("version: one byte, 0 or 1", () => {
    expect(decode(message(2, pdu(0xa0))).error).toBe("unsupported-version");
    expect(decode(message(3, pdu(0xa0))).error).toBe("unsupported-version");
    expect(decode(tlv(0x30, tlv(0x02, [0, 1]), tlv(0x04, []), pdu(0xa0))).error).toBe(
      "bad-version",
    );
  });
  it("an IpAddress of another length than 4 (CVE-2019-9162)", () => {
    expect(decode(message(1, pdu(0xa2, bind(ip(10, 0, 0))))).error).toBe("bad-ip-address-length");
    expect(decode(message(1, pdu(0xa2, bind(ip(10, 0, 0, 2, 9))))).error).toBe(
      "bad-ip-address-length",
    );
  });
  it("a value tag outside the grammar, a constructed value", () => {
    expect(decode(message(1, pdu(0xa2, bind(tlv(0x45, [1]))))).error).toBe("unexpected-tag");
    expect(decode(message(1, pdu(0xa2, bind(tlv(0x60, [1]))))).error).toBe("unexpected-tag");
  });
  it("a message and a varbind ending before their CHOICE decode", () => {
    expect(decode(tlv(0x30, int(1), tlv(0x04, []))).error).toBe("ok");
    expect(decode(message(1, pdu(0xa0, tlv(0x30, oid)))).error).toBe("ok");
  });
  it("a missing mandatory element overruns", () => {
    expect(decode(tlv(0x30, int(1))).error).toBe("data-overrun");
    expect(decode(tlv(0x30)).error).toBe("data-overrun");
  });
  it("trailing bytes inside a SEQUENCE are a cons length error, after the message not read", () => {
    const one = bind(tlv(0x05, []));
    expect(decode(tlv(0x30, int(1), tlv(0x04, []), pdu(0xa0, one), [0x05, 0])).error).toBe(
      "cons-length",
    );
    expect(decode([...message(1, pdu(0xa0, one)), 0xff, 0xff]).error).toBe("ok");
    const p = pdu(0xa0, one);
    const padded = [0xa0, p[1] + 2, ...p.slice(2), 0x05, 0];
    expect(decode(message(1, padded)).error).toBe("cons-length");
  });
  it("an empty variable-bindings list fails, definite or indefinite (the kernel drops it)", () => {
    expect(decode(message(0, pdu(0xa0))).error).toBe("data-overrun");
    expect(decode(message(0, pdu(0xa0, bind(tlv(0x05, []))))).error).toBe("ok");
    const head = [...int(1), ...int(0), ...int(0)];
    expect(decode(message(0, tlv(0xa0, head, [0x30, 0x80, 0, 0]))).error).toBe("unexpected-tag");
  });
  it("indefinite lengths inside the Message, with EOCs; on the Message only with the last PDU, [8]", () => {
    const body = [...int(1), ...tlv(0x04, [])];
    const head = [0xa2, 0x80, ...int(1), ...int(0), ...int(0)];
    const list = [0x30, 0x80, ...bind(ip(10, 0, 0, 2)), 0, 0];
    const ok = tlv(0x30, body, head, list, [0, 0]);
    expect(decode(ok).error).toBe("ok");
    expect(decode(ok).ips).toHaveLength(1);
    expect(decode(tlv(0x30, body, head, list)).error).toBe("data-overrun");
    expect(decode(tlv(0x30, body, head, list, [0, 1])).error).toBe("invalid-eoc");
    expect(decode([0x30, 0x80, ...body, ...head, ...list, 0, 0, 0, 0]).error).toBe(
      "indefinite-message",
    );
    const report = [0xa8, ...head.slice(1)];
    expect(decode([0x30, 0x80, ...body, ...report, ...list, 0, 0, 0, 0]).error).toBe("ok");
  });
  it("long-form and non-minimal lengths decode; 0x83 does not", () => {
    const m = message(1, pdu(0xa2, bind(ip(10, 0, 0, 2))));
    const long = [0x30, 0x82, 0, m.length - 2, ...m.slice(2)];
    expect(decode(long).error).toBe("ok");
    const tooLong = [0x30, 0x83, 0, 0, m.length - 2, ...m.slice(2)];
    expect(decode(tooLong).error).toBe("length-too-long");
  });
  it("a length past the end overruns", () => {
    const m = message(1, pdu(0xa2, bind(ip(10, 0, 0, 2))));
    expect(decode(m.slice(0, m.length - 1)).error).toBe("data-overrun");
  });
});
