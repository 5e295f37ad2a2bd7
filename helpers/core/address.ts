// IPv4/IPv6 text <-> bytes. Flows name addresses as text; helpers compare and print them
// the way the kernel does, so every address goes through one canonical form.

import { FlowError } from "./model.ts";

const IPV4_OCTETS = 4;
const IPV6_GROUPS = 8;

function isDecimalDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}

/** Strict dotted quad: exactly 4 decimal parts, each 0-255, none empty. Leading zeros
 * are accepted as decimal (never octal) but at most 3 digits a part. */
export function parseIPv4(text: string): Uint8Array | null {
  const out = new Uint8Array(IPV4_OCTETS);
  return parseIPv4Into(text, out, 0) ? out : null;
}

function parseIPv4Into(text: string, out: Uint8Array, at: number): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0x2e;
    if (code === 0x2e) {
      if (digits === 0 || part >= IPV4_OCTETS) return false;
      out[at + part] = value;
      part++;
      value = 0;
      digits = 0;
    } else if (isDecimalDigit(code)) {
      digits++;
      value = value * 10 + (code - 0x30);
      if (digits > 3 || value > 255) return false;
    } else {
      return false;
    }
  }
  return part === IPV4_OCTETS;
}

/** RFC 4291 §2.2 text: up to 8 groups of 1-4 hex digits, one optional `::`, and an
 * optional dotted IPv4 tail standing for the last two groups. */
export function parseIPv6(text: string): Uint8Array | null {
  if (text.length < 2) return null;
  const doubleColon = text.indexOf("::");
  if (doubleColon !== -1 && text.indexOf("::", doubleColon + 1) !== -1) return null;
  const head = doubleColon === -1 ? text : text.slice(0, doubleColon);
  const tail = doubleColon === -1 ? "" : text.slice(doubleColon + 2);
  const headBytes = parseGroups(head, doubleColon === -1);
  if (headBytes === null) return null;
  const tailBytes = doubleColon === -1 ? [] : parseGroups(tail, true);
  if (tailBytes === null) return null;
  const total = headBytes.length + tailBytes.length;
  if (doubleColon === -1 ? total !== 16 : total > 14) return null;
  const out = new Uint8Array(16);
  out.set(headBytes, 0);
  out.set(tailBytes, 16 - tailBytes.length);
  return out;
}

/** Colon-separated groups (possibly none); the last may be a dotted quad when it ends the
 * address. Returns their bytes, or null. */
function parseGroups(text: string, mayEndWithIPv4: boolean): number[] | null {
  if (text === "") return [];
  const parts = text.split(":");
  const bytes: number[] = [];
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (mayEndWithIPv4 && p === parts.length - 1 && part.includes(".")) {
      const quad = new Uint8Array(4);
      if (!parseIPv4Into(part, quad, 0)) return null;
      bytes.push(...quad);
      continue;
    }
    if (part.length === 0 || part.length > 4) return null;
    let value = 0;
    for (let i = 0; i < part.length; i++) {
      const digit = hexValue(part.charCodeAt(i));
      if (digit < 0) return null;
      value = value * 16 + digit;
    }
    bytes.push(value >> 8, value & 0xff);
  }
  return bytes.length > 16 ? null : bytes;
}

export function formatIPv4(bytes: Uint8Array, offset = 0): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}

function group(bytes: Uint8Array, offset: number, index: number): number {
  return (bytes[offset + 2 * index] << 8) | bytes[offset + 2 * index + 1];
}

/** RFC 5952: lowercase, no leading zeros, the longest run of two or more zero groups
 * (the first on a tie) written as `::`. */
export function formatIPv6(bytes: Uint8Array, offset = 0): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < IPV6_GROUPS; ) {
    if (group(bytes, offset, i) !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < IPV6_GROUPS && group(bytes, offset, j) === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string => {
    const groups: string[] = [];
    for (let i = from; i < to; i++) groups.push(group(bytes, offset, i).toString(16));
    return groups.join(":");
  };
  if (bestStart === -1) return hex(0, IPV6_GROUPS);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, IPV6_GROUPS)}`;
}

/** The kernel's %pI6: 8 groups of 4 lowercase hex digits, nothing compressed. */
export function formatIPv6Full(bytes: Uint8Array, offset = 0): string {
  const groups: string[] = [];
  for (let i = 0; i < IPV6_GROUPS; i++) {
    groups.push(group(bytes, offset, i).toString(16).padStart(4, "0"));
  }
  return groups.join(":");
}

// A campaign's flows name the same few addresses again and again (the generators draw from
// small pools), and the driver and the spec models canonicalize every endpoint of every
// flow: parsing and printing them again was 4 % of an FTP campaign's time (docs/benchmarks.md).
const canonicalForms = new Map<string, string>();
const CANONICAL_FORMS_KEPT = 4096;

export function addressFamily(text: string): 4 | 6 | null {
  const known = canonicalForms.get(text);
  if (known !== undefined) return known.includes(":") ? 6 : 4;
  if (parseIPv4(text) !== null) return 4;
  if (parseIPv6(text) !== null) return 6;
  return null;
}

/** 4 or 16 bytes; FlowError when the text is no address. */
export function addressBytes(text: string): Uint8Array {
  const bytes = parseIPv4(text) ?? parseIPv6(text);
  if (bytes === null) throw new FlowError(`not an IPv4 or IPv6 address: ${JSON.stringify(text)}`);
  return bytes;
}

/** The one text form every outcome uses: dotted quad, or RFC 5952 IPv6. */
export function canonicalAddress(text: string): string {
  const known = canonicalForms.get(text);
  if (known !== undefined) return known;
  const bytes = addressBytes(text);
  const canonical = bytes.length === 4 ? formatIPv4(bytes) : formatIPv6(bytes);
  if (canonicalForms.size >= CANONICAL_FORMS_KEPT) canonicalForms.clear();
  canonicalForms.set(text, canonical);
  return canonical;
}

function isV4MappedOrIsatap(bytes: Uint8Array, offset: number): boolean {
  let zeros = true;
  for (let i = 0; i < 8; i++) if (bytes[offset + i] !== 0) zeros = false;
  const b = (i: number) => bytes[offset + i];
  const mapped = zeros && b(8) === 0 && b(9) === 0 && b(10) === 0xff && b(11) === 0xff;
  const isatap = (b(8) | 0x02) === 0x02 && b(9) === 0 && b(10) === 0x5e && b(11) === 0xfe;
  return mapped || isatap;
}

/** The kernel's %pI6c (ip6_compressed_string): RFC 5952 compression, except that an
 * IPv4-mapped or ISATAP address ends in a dotted quad. What NAT helpers print. */
export function formatIPv6Kernel(bytes: Uint8Array, offset = 0): string {
  if (!isV4MappedOrIsatap(bytes, offset)) return formatIPv6(bytes, offset);
  const range = 6;
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < range; i++) {
    let j = i;
    while (j < range && group(bytes, offset, j) === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
  }
  let out = "";
  let needColon = false;
  for (let i = 0; i < range; i++) {
    if (i === bestStart) {
      out += needColon || i === 0 ? "::" : ":";
      needColon = false;
      i += bestLength - 1;
      continue;
    }
    if (needColon) out += ":";
    out += group(bytes, offset, i).toString(16);
    needColon = true;
  }
  if (needColon) out += ":";
  return out + formatIPv4(bytes, offset + 12);
}
