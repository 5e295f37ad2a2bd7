// Checks a flow as tool input and builds the conntrack view the FTP helper works on.
// Anything wrong here is the tool user's mistake, never the peers': FlowError.

import { addressBytes } from "../../core/address.ts";
import { type Dir, type Flow, FlowError } from "../../core/model.ts";
import { portsOption, readConfig } from "../../spec-core/config-values.ts";
import { connectionOf as conntrackOf } from "../../spec-core/connection.ts";

export interface FtpConfig {
  /** §2.6: accept an address other than the sender's. */
  loose: boolean;
  /** §2.5: the 2026-05 fix (octet > 255 or port > 65535 ⇒ parse failure). */
  avoidU16Overflows: boolean;
  /** §2.1 ports=: only names the helper; attachment is the flow's premise (§1.1). */
  ports: number[];
}

/** §2.1 FTP_PORT */
const FTP_PORT = 21;

/** A boolean option; no other value means on or off. */
function flag(key: string) {
  return (value: unknown): boolean => {
    if (typeof value !== "boolean") throw new FlowError(`ftp: config.${key} must be a boolean`);
    return value;
  };
}

export function parseFtpConfig(raw: Record<string, unknown> | undefined): FtpConfig {
  const defaults: FtpConfig = { loose: false, avoidU16Overflows: false, ports: [FTP_PORT] };
  return readConfig("ftp", raw, defaults, {
    loose: flag("loose"),
    avoidU16Overflows: flag("avoidU16Overflows"),
    ports: (value) => portsOption("ftp", value, [FTP_PORT]),
  });
}

/** One direction of the conntrack entry, addresses as the kernel's 16-byte unions. */
export interface TupleAddresses {
  src: Uint8Array;
  dst: Uint8Array;
}

export interface Connection {
  family: 4 | 6;
  tuple: Record<Dir, TupleAddresses>;
  /** Source NAT on: nf_nat_ftp runs (§1.4). */
  natted: boolean;
}

/** IPv4 in the first 4 bytes and zeros after, as in conntrack's nf_inet_addr. */
function addressUnion(text: string): Uint8Array {
  const union = new Uint8Array(16);
  union.set(addressBytes(text), 0);
  return union;
}

/** The conntrack entry once NAT is set up: orig = client → server, reply = server → the
 * client as the server sees it (the NAT address under source NAT). */
export function connectionOf(flow: Flow): Connection {
  const { family, tuple, natted } = conntrackOf(flow, { helper: "ftp", l4: "tcp" });
  const unions = (dir: Dir) => ({
    src: addressUnion(tuple[dir].src),
    dst: addressUnion(tuple[dir].dst),
  });
  return { family, tuple: { orig: unions("orig"), reply: unions("reply") }, natted };
}
