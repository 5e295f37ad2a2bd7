// RRQ/WRQ packets as real clients send them (PXE firmware, tftp-hpa, atftp, busybox,
// U-Boot): a filename, a transfer mode in any case, and RFC 2347–2349/7440 options.

import fc from "fast-check";
import { TFTP_RRQ, TFTP_WRQ } from "../../helpers/tftp/opcode.ts";
import { packetOfStrings } from "./tftp-packet-bytes.ts";

const FILENAMES = [
  "pxelinux.0",
  "pxelinux.cfg/01-52-54-00-12-34-56",
  "bootx64.efi",
  "grub/grub.cfg",
  "ipxe.efi",
  "/tftpboot/vmlinuz",
  "uImage",
  "startup-config",
  "C:\\boot\\wdsnbp.com",
  "../../etc/passwd",
  "",
];

function filename(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...FILENAMES) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom(..."abc./-_0123456789 CONNECT"),
        maxLength: 24,
      }),
    },
  );
}

function mode(): fc.Arbitrary<string> {
  return fc.constantFrom("octet", "netascii", "OCTET", "NetASCII", "mail", "binary");
}

/** [name, value] pairs of the negotiated options (some with odd values). */
function options(): fc.Arbitrary<string[]> {
  const option = fc.oneof(
    fc.constantFrom("512", "1428", "1468", "8", "65464", "0", "99999").map((v) => ["blksize", v]),
    fc.constantFrom("0", "1048576", "-1").map((v) => ["tsize", v]),
    fc.constantFrom("1", "5", "255").map((v) => ["timeout", v]),
    fc.constantFrom("1", "16").map((v) => ["windowsize", v]),
    fc.constantFrom("BLKSIZE", "Tsize").map((name) => [name, "512"]),
  );
  return fc.array(option, { maxLength: 3 }).map((pairs) => pairs.flat());
}

export function requestOpcode(): fc.Arbitrary<number> {
  return fc.constantFrom(TFTP_RRQ, TFTP_WRQ);
}

/** A well-formed RRQ or WRQ. */
export function tftpRequest(): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(requestOpcode(), filename(), mode(), options())
    .map(([opcode, file, transferMode, extra]) =>
      packetOfStrings(opcode, [file, transferMode, ...extra]),
    );
}
