// What one SIP connection keeps (struct nf_ct_sip_master) and the conntrack tuples as
// bytes, plus the message being processed: the payload (replaced as NAT rewrites it), and
// the current message's start and length (the kernel's dptr and datalen).

import { addressBytes, formatIPv4, formatIPv6, formatIPv6Kernel } from "../core/address.ts";
import type { ConnectionContext, Conntrack, ExpectationStore, Tuple } from "../core/helper.ts";
import type { Dir } from "../core/model.ts";
import { EntryPhase } from "../core/udp-entry.ts";
import type { SipConfig } from "./config.ts";
import { type Dialect, dialectOf } from "./dialect.ts";
import { Transport } from "./params.ts";

/** One tuple end as the helper compares and prints it. */
export interface TupleEnd {
  text: string;
  bytes: Uint8Array;
}

export interface TupleBytes {
  src: TupleEnd;
  sport: number;
  dst: TupleEnd;
  dport: number;
}

function end(text: string): TupleEnd {
  return { text, bytes: addressBytes(text) };
}

function tupleBytes(t: Tuple): TupleBytes {
  return { src: end(t.src), sport: t.sport, dst: end(t.dst), dport: t.dport };
}

export class SipState {
  registerCseq = 0;
  inviteCseq = 0;
  /** The Via port of a Cisco-style phone (0 = none). */
  forcedDport = 0;
  /** Where the UDP conntrack entry stands (core/udp-entry.ts); TCP data always finds it helped. */
  entry: EntryPhase = EntryPhase.Unknown;
  readonly orig: TupleBytes;
  readonly reply: TupleBytes;
  readonly dialect: Dialect;
  readonly transport: Transport;

  /** What an unconfirmed entry's destruction leaves: a fresh entry for the next packet. */
  forget(): void {
    this.registerCseq = 0;
    this.inviteCseq = 0;
    this.forcedDport = 0;
  }

  constructor(conntrack: Conntrack, config: SipConfig) {
    this.orig = tupleBytes(conntrack.orig);
    this.reply = tupleBytes(conntrack.reply);
    this.dialect = dialectOf(conntrack.family, config.strictParsing);
    this.transport = conntrack.l4 === "tcp" ? Transport.Tcp : Transport.Udp;
    if (conntrack.l4 === "tcp") this.entry = EntryPhase.Helped;
  }
}

/** The packet being processed; one for all connections (process() is never re-entered). */
export class SipMessage {
  data: Uint8Array = new Uint8Array(0);
  start = 0;
  length = 0;
  dir: Dir = "orig";
  /** tuple[dir] and tuple[!dir]. */
  own!: TupleBytes;
  peer!: TupleBytes;
  state!: SipState;
  config!: SipConfig;
  expectations!: ExpectationStore;
  natted = false;
  dialect!: Dialect;

  get limit(): number {
    return this.start + this.length;
  }

  begin(connection: ConnectionContext<SipConfig, SipState>, dir: Dir, data: Uint8Array): void {
    const state = connection.state;
    this.data = data;
    this.dir = dir;
    this.own = dir === "orig" ? state.orig : state.reply;
    this.peer = dir === "orig" ? state.reply : state.orig;
    this.state = state;
    this.config = connection.config;
    this.expectations = connection.expectations;
    this.natted = connection.conntrack.natted;
    this.dialect = state.dialect;
  }
}

export function sameAddress(a: Uint8Array, b: Uint8Array, family: 4 | 6): boolean {
  const n = family === 4 ? 4 : 16;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Canonical text of a parsed address (what an Expectation names). */
export function addressText(bytes: Uint8Array, family: 4 | 6): string {
  return family === 4 ? formatIPv4(bytes) : formatIPv6(bytes);
}

/** The kernel's %pI4 / %pI6c, in brackets when `delim` (sip_sprintf_addr). */
export function printAddress(bytes: Uint8Array, family: 4 | 6, delim: boolean): string {
  if (family === 4) return formatIPv4(bytes);
  const text = formatIPv6Kernel(bytes);
  return delim ? `[${text}]` : text;
}

/** sip_sprintf_addr_port: "%pI4:%u" or "[%pI6c]:%u". */
export function printAddressPort(bytes: Uint8Array, family: 4 | 6, port: number): string {
  return `${printAddress(bytes, family, true)}:${port}`;
}
