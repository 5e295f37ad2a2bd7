// The packets of a transfer after its request: DATA, ACK, ERROR and OACK, none of which
// the helper reacts to.

import fc from "fast-check";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { packetOfStrings, packetWithBody } from "./tftp-packet-bytes.ts";

const block = fc.nat(0xffff).map((n) => Uint8Array.of(n >> 8, n & 0xff));

function data(): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(block, fc.uint8Array({ maxLength: 40 }))
    .map(([b, payload]) => packetWithBody(3, Uint8Array.of(...b, ...payload)));
}

function ack(): fc.Arbitrary<Uint8Array> {
  return block.map((b) => packetWithBody(4, b));
}

function error(): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      fc.nat(8),
      fc.constantFrom("File not found", "Access violation", "Unknown transfer ID", ""),
    )
    .map(([code, message]) => packetWithBody(5, Uint8Array.of(0, code, ...asciiBytes(message), 0)));
}

function optionAck(): fc.Arbitrary<Uint8Array> {
  return fc
    .constantFrom(["blksize", "1468"], ["tsize", "31457280"], ["blksize", "512", "tsize", "0"])
    .map((pairs) => packetOfStrings(6, pairs));
}

export function tftpTransferPacket(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(data(), ack(), error(), optionAck());
}
