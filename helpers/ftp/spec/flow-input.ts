// Checks a flow as tool input and builds the conntrack view the FTP helper works on.
// Anything wrong here is the tool user's mistake, never the peers': FlowError.

import { addressBytes, addressFamily } from "../../core/address.ts";
import { type Dir, type Flow, FlowError } from "../../core/model.ts";

export interface FtpConfig {
  /** §2.6: accept an address other than the sender's. */
  loose: boolean;
  /** §2.5: the 2026-05 fix (octet > 255 or port > 65535 ⇒ parse failure). */
  avoidU16Overflows: boolean;
  /** §2.1 ports=: only names the helper; attachment is the flow's premise (§1.1). */
  ports: number[];
}

/** §2.1 MAX_PORTS */
const MAX_PORTS = 8;

function isPortNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 65535;
}

export function parseFtpConfig(raw: Record<string, unknown> | undefined): FtpConfig {
  const config: FtpConfig = { loose: false, avoidU16Overflows: false, ports: [21] };
  if (raw === undefined) return config;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new FlowError("ftp: config must be an object");
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key === "loose" || key === "avoidU16Overflows") {
      if (typeof value !== "boolean") throw new FlowError(`ftp: config.${key} must be a boolean`);
      config[key] = value;
    } else if (key === "ports") {
      if (!Array.isArray(value) || value.length > MAX_PORTS || !value.every(isPortNumber)) {
        throw new FlowError(`ftp: config.ports must be up to ${MAX_PORTS} port numbers`);
      }
      if (value.length > 0) config.ports = [...value];
    } else {
      throw new FlowError(`ftp: unknown config option ${JSON.stringify(key)}`);
    }
  }
  return config;
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
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function addressUnion(text: string): Uint8Array {
  const union = new Uint8Array(16);
  union.set(addressBytes(text), 0);
  return union;
}

function familyOf(text: unknown, what: string): 4 | 6 {
  const family = typeof text === "string" ? addressFamily(text) : null;
  if (family === null) throw new FlowError(`ftp: ${what} is not an IP address: ${String(text)}`);
  return family;
}

function checkEndpoint(endpoint: unknown, what: string): 4 | 6 {
  if (typeof endpoint !== "object" || endpoint === null) {
    throw new FlowError(`ftp: ${what} endpoint missing`);
  }
  const { addr, port } = endpoint as { addr?: unknown; port?: unknown };
  if (!isPortNumber(port)) throw new FlowError(`ftp: ${what}.port must be 0..65535`);
  return familyOf(addr, `${what}.addr`);
}

function checkSegments(flow: Flow): void {
  if (!Array.isArray(flow.segments)) throw new FlowError("ftp: segments must be an array");
  flow.segments.forEach((segment, index) => {
    if (segment.dir !== "orig" && segment.dir !== "reply") {
      throw new FlowError(`ftp: segment ${index}: dir must be "orig" or "reply"`);
    }
    if (!(segment.data instanceof Uint8Array)) {
      throw new FlowError(`ftp: segment ${index}: data must be bytes`);
    }
    if (segment.seq !== undefined && !Number.isSafeInteger(segment.seq)) {
      throw new FlowError(`ftp: segment ${index}: seq must be an integer`);
    }
  });
}

/** The conntrack entry once NAT is set up: orig = client → server, reply = server → the
 * client as the server sees it (the NAT address under source NAT). */
export function connectionOf(flow: Flow): Connection {
  if (flow.helper !== "ftp") throw new FlowError(`ftp spec cannot run helper ${flow.helper}`);
  if (flow.l4 !== "tcp") throw new FlowError("ftp: l4 must be tcp");
  const family = checkEndpoint(flow.client, "client");
  if (checkEndpoint(flow.server, "server") !== family) {
    throw new FlowError("ftp: client and server addresses are of different families");
  }
  let seenClient = flow.client.addr;
  if (flow.nat !== undefined) {
    const natAddress = flow.nat?.client?.addr;
    if (familyOf(natAddress, "nat.client.addr") !== family) {
      throw new FlowError("ftp: the NAT address is of another family than the endpoints");
    }
    seenClient = natAddress;
  }
  checkSegments(flow);
  const client = addressUnion(flow.client.addr);
  const server = addressUnion(flow.server.addr);
  return {
    family,
    tuple: {
      orig: { src: client, dst: server },
      reply: { src: server, dst: addressUnion(seenClient) },
    },
    // §1.4: the NAT half runs only when the tuple really changed (IPS_SRC_NAT); SNAT onto
    // the client's own address changes nothing (measured on 6.18.44).
    natted: !sameBytes(addressUnion(seenClient), client),
  };
}
