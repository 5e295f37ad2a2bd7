// Reads the address and port back out of a line the NAT helper rewrote. Deliberately a
// strict, separate parser: what NAT writes must be plain RFC 959/2428 text.

import { canonicalAddress, parseIPv4, parseIPv6 } from "../../helpers/core/address.ts";
import type { Dir } from "../../helpers/core/model.ts";

export interface DataLine {
  kind: "PORT" | "EPRT" | "227" | "229";
  /** Canonical address; null for 229, which names none. */
  address: string | null;
  port: number;
}

function text(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

function sixTuple(fields: string): { address: string; port: number } | null {
  const parts = fields.split(",");
  if (parts.length !== 6 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  const n = parts.map(Number);
  return { address: n.slice(0, 4).join("."), port: n[4] * 256 + n[5] };
}

function decimalPort(digits: string): number | null {
  return /^\d{1,5}$/.test(digits) && Number(digits) <= 65535 ? Number(digits) : null;
}

function eprtArgument(arg: string): { address: string; port: number } | null {
  const m = /^\|([12])\|([^|]+)\|(\d+)\|/.exec(arg);
  if (!m) return null;
  const bytes = m[1] === "1" ? parseIPv4(m[2]) : parseIPv6(m[2]);
  const port = decimalPort(m[3]);
  return bytes && port !== null ? { address: canonicalAddress(m[2]), port } : null;
}

/** The data line a forwarded segment starts with, or null when it is none or malformed. */
export function parseDataLine(bytes: Uint8Array, dir: Dir): DataLine | null {
  const line = text(bytes);
  const keyword = line.slice(0, 4).toUpperCase();
  if (dir === "orig" && (keyword === "PORT" || keyword === "EPRT")) {
    const space = line.indexOf(" ");
    if (space === -1) return null;
    if (keyword === "PORT") {
      const m = /^([\d,]+)\r/.exec(line.slice(space + 1));
      const parsed = m && sixTuple(m[1]);
      return parsed ? { kind: "PORT", ...parsed } : null;
    }
    const parsed = eprtArgument(line.slice(space + 1));
    return parsed ? { kind: "EPRT", ...parsed } : null;
  }
  if (dir === "reply" && keyword === "227 ") {
    const m = /^\D*?(\d[\d,]*)/.exec(line.slice(4));
    const parsed = m && sixTuple(m[1]);
    return parsed ? { kind: "227", ...parsed } : null;
  }
  if (dir === "reply" && keyword === "229 ") {
    const m = /\(\|\|\|(\d+)\|/.exec(line);
    const port = m && decimalPort(m[1]);
    return port !== null && port !== undefined ? { kind: "229", address: null, port } : null;
  }
  return null;
}
