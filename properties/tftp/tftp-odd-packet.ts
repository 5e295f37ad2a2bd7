// Packets no client sends on purpose: any opcode (0, 7 and up, RRQ/WRQ with the bytes
// swapped), requests cut short, and payloads of 0 or 1 byte.

import fc from "fast-check";
import { packetWithBody } from "./tftp-packet-bytes.ts";
import { tftpRequest } from "./tftp-request.ts";

/** Every opcode, with the interesting ones likely. */
export function anyOpcode(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: 0, max: 7 }),
    fc.constantFrom(0x0100, 0x0200, 0x0101, 0xff01, 0xffff),
    fc.nat(0xffff),
  );
}

function anyOpcodePacket(): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(anyOpcode(), fc.uint8Array({ maxLength: 24 }))
    .map(([opcode, body]) => packetWithBody(opcode, body));
}

/** A request cut anywhere, down to its first byte. */
function truncatedRequest(): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(tftpRequest(), fc.nat())
    .map(([request, cut]) => request.subarray(0, 1 + (cut % request.length)));
}

function tinyPayload(): fc.Arbitrary<Uint8Array> {
  return fc.uint8Array({ maxLength: 1 });
}

export function tftpOddPacket(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(anyOpcodePacket(), truncatedRequest(), tinyPayload());
}
