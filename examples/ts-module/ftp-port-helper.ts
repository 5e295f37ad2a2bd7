// An example `module:` target: an FTP helper that understands PORT only, written against
// helperfuzz's HelperDefinition. The core driver plays conntrack around it (expectation
// table, sequence adjustment), so the helper is just the packet logic. It imports
// "helperfuzz" as a helper in your own project does, so it can be copied there as it is
// (docs/authors.md, "In your own project"); here that name means this repository's sources.
//
//   npx helperfuzz check --target module:examples/ts-module/ftp-port-helper.ts ftp \
//     --skip-property differential
//
// Scope, on purpose: PORT as nf_conntrack_ftp parses it (tracked after-newline positions,
// the 6-number grammar, the anti-bounce rule, DROP on a malformed argument), no EPRT/227/229
// and no NAT rewrite. So `differential` against the full FTP spec model is expected to fail
// and is skipped; every other FTP property holds.
//
// Planted bug for the tests: HELPERFUZZ_EXAMPLE_BUG=1 accepts a PORT naming any address.

import type { ConnectionContext, HelperDefinition, Packet, PacketResult } from "helperfuzz";
import { addressBytes, FlowError, formatIPv4, formatIPv6 } from "helperfuzz";

interface Config {
  loose: boolean;
  avoidU16Overflows: boolean;
}

interface State {
  /** Per direction: up to two sequence numbers right after a '\n'. */
  afterNewline: { orig: number[]; reply: number[] };
}

const plantedBug = process.env.HELPERFUZZ_EXAMPLE_BUG === "1";
const ACCEPT: PacketResult = { verdict: "accept" };
const DROP: PacketResult = { verdict: "drop" };

/** a before b in 32-bit serial arithmetic. */
const before = (a: number, b: number) => ((a - b) | 0) < 0;

function remember(positions: number[], seq: number): void {
  if (positions.includes(seq)) return;
  if (positions.length < 2) {
    positions.push(seq);
    return;
  }
  const oldest = before(positions[0], positions[1]) ? 0 : 1;
  if (before(positions[oldest], seq)) positions[oldest] = seq;
}

type Port = { kind: "none" } | { kind: "bad" } | { kind: "port"; addr: number[]; port: number };

/** "PORT a,b,c,d,p1,p2\r" at the start of the segment, as the kernel reads it. */
export function parsePort(data: Uint8Array, strict: boolean): Port {
  const keyword = "port";
  const lower = (b: number) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
  if (data.length <= keyword.length) {
    for (let i = 0; i < data.length; i++) {
      if (lower(data[i]) !== keyword.charCodeAt(i)) return { kind: "none" };
    }
    return { kind: "bad" };
  }
  for (let i = 0; i < keyword.length; i++) {
    if (lower(data[i]) !== keyword.charCodeAt(i)) return { kind: "none" };
  }
  const space = data.indexOf(0x20, keyword.length);
  if (space < 0 || space === data.length - 1) return { kind: "bad" };
  const slots = [0, 0, 0, 0, 0, 0];
  let slot = 0;
  for (let i = space + 1; i < data.length; i++) {
    const b = data[i];
    if (b >= 0x30 && b <= 0x39) {
      slots[slot] = (slots[slot] * 10 + (b - 0x30)) >>> 0;
      if (strict && slots[slot] > 255) return { kind: "bad" };
    } else if (b === 0x2c) {
      if (++slot === 6) return { kind: "bad" };
    } else {
      if (b !== 0x0d || slot !== 5) return { kind: "bad" };
      // The kernel assembles the address in a u32, so oversized numbers bleed into the
      // neighbouring bytes; the port keeps its low 16 bits.
      const ip = ((slots[0] << 24) | (slots[1] << 16) | (slots[2] << 8) | slots[3]) >>> 0;
      const addr = [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255];
      return { kind: "port", addr, port: ((slots[4] << 8) | slots[5]) & 0xffff };
    }
  }
  return { kind: "bad" };
}

function inspectPort(
  connection: ConnectionContext<Config, State>,
  packet: Packet,
): PacketResult | null {
  const { conntrack, config } = connection;
  const found = parsePort(packet.data, config.avoidU16Overflows);
  if (found.kind === "none") return ACCEPT;
  if (found.kind === "bad") return null;
  // The kernel starts from the sender's address and lets PORT overwrite its first four
  // bytes, so on IPv6 the rest stays the sender's.
  const sender = addressBytes(conntrack.orig.src);
  const named = Uint8Array.from(sender);
  named.set(found.addr);
  let dst = conntrack.reply.dst;
  if (named.some((b, i) => b !== sender[i])) {
    if (!config.loose && !plantedBug) return ACCEPT;
    dst = named.length === 4 ? formatIPv4(named) : formatIPv6(named);
  }
  const result = connection.expectations.expect({
    l4: "tcp",
    src: conntrack.reply.src,
    sport: null,
    dst,
    dport: found.port,
  });
  return result === "ok" ? ACCEPT : DROP;
}

export const helper: HelperDefinition<Config, State> = {
  name: "ftp",
  l4: "tcp",
  defaultPort: 21,
  families: [4, 6],
  policy: { maxExpected: 1, timeoutSeconds: 300 },

  parseConfig(raw) {
    const config: Config = { loose: false, avoidU16Overflows: false };
    for (const [key, value] of Object.entries(raw ?? {})) {
      if (key !== "loose" && key !== "avoidU16Overflows") {
        throw new FlowError(`unknown ftp option "${key}"`);
      }
      if (typeof value !== "boolean") throw new FlowError(`ftp option "${key}" must be a boolean`);
      config[key] = value;
    }
    return config;
  },

  newState: () => ({ afterNewline: { orig: [], reply: [] } }),

  process(connection, packet) {
    const positions = connection.state.afterNewline[packet.dir];
    let result = ACCEPT;
    if (packet.dir === "orig" && positions.includes(packet.seq)) {
      const inspected = inspectPort(connection, packet);
      // A malformed PORT drops the segment before the position is remembered.
      if (inspected === null) return DROP;
      result = inspected;
    }
    if (packet.data.length > 0 && packet.data[packet.data.length - 1] === 0x0a) {
      remember(positions, (packet.seq + packet.data.length) >>> 0);
    }
    return result;
  },
};
