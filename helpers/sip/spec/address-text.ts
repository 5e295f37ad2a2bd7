// Addresses as nf_conntrack_sip compares them and as nf_nat_sip prints them
// (kernel-helpers.md §6.8): the parsed bytes compare through the one canonical text the
// tuples use; the rewrite prints %pI4, or %pI6c — which is RFC 5952 except that an
// IPv4-mapped or ISATAP address ends in a dotted quad.

import { formatIPv4, formatIPv6 } from "../../core/address.ts";

/** The canonical text of 4 or 16 parsed bytes (what the conntrack tuples hold). */
export function addressText(bytes: Uint8Array): string {
  return bytes.length === 4 ? formatIPv4(bytes) : formatIPv6(bytes);
}

function word(bytes: Uint8Array, index: number): number {
  return (bytes[2 * index] << 8) | bytes[2 * index + 1];
}

/** The kernel's %pI6c (ip6_compressed_string). */
export function kernelCompressedIPv6(bytes: Uint8Array): string {
  const mapped = word(bytes, 0) === 0 && word(bytes, 1) === 0 && word(bytes, 2) === 0;
  const v4Mapped =
    mapped && word(bytes, 3) === 0 && word(bytes, 4) === 0 && word(bytes, 5) === 0xffff;
  const isatap = (word(bytes, 4) | 0x0200) === 0x0200 && word(bytes, 5) === 0x5efe;
  const useIPv4 = v4Mapped || isatap;
  const range = useIPv4 ? 6 : 8;
  // The longest run of zero words (the first of equal ones); a single 0 is not compressed.
  let longest = 1;
  let colonAt = -1;
  for (let i = 0; i < range; i++) {
    let run = 0;
    while (i + run < range && word(bytes, i + run) === 0) run++;
    if (run > longest) {
      longest = run;
      colonAt = i;
    }
  }
  let text = "";
  let needColon = false;
  for (let i = 0; i < range; i++) {
    if (i === colonAt) {
      text += needColon || i === 0 ? "::" : ":";
      needColon = false;
      i += longest - 1;
      continue;
    }
    if (needColon) text += ":";
    text += word(bytes, i).toString(16);
    needColon = true;
  }
  if (useIPv4) {
    if (needColon) text += ":";
    text += `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  }
  return text;
}
