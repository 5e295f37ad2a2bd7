// A TFTP exchange on the control tuple: requests (either direction: the kernel does not
// check it), transfer packets, odd packets; retransmissions come from the delivery ops.

import fc from "fast-check";
import type { Dir } from "../../helpers/core/model.ts";
import { fixedLine, type LineTemplate } from "../core/dialogue-flow.ts";
import { tftpOddPacket } from "./tftp-odd-packet.ts";
import { tftpRequest } from "./tftp-request.ts";
import { tftpTransferPacket } from "./tftp-transfer.ts";

const direction = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Dir>("orig") },
  { weight: 1, arbitrary: fc.constant<Dir>("reply") },
);

export function tftpDatagram(
  packet: fc.Arbitrary<Uint8Array> = fc.oneof(
    { weight: 3, arbitrary: tftpRequest() },
    { weight: 2, arbitrary: tftpTransferPacket() },
    { weight: 2, arbitrary: tftpOddPacket() },
  ),
): fc.Arbitrary<LineTemplate> {
  return fc.tuple(direction, packet).map(([dir, bytes]) => fixedLine(dir, bytes));
}

export function tftpDatagrams(
  datagram: fc.Arbitrary<LineTemplate> = tftpDatagram(),
): fc.Arbitrary<LineTemplate[]> {
  return fc.array(datagram, { maxLength: 6 });
}
