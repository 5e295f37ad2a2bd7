// Checks a flow as tool input and builds the conntrack view the IRC helper works on.
// Anything wrong here is the tool user's mistake, never the peers': FlowError.

import { addressBytes, addressFamily } from "../../core/address.ts";
import { type Dir, type Flow, FlowError } from "../../core/model.ts";

export interface IrcConfig {
  /** §3.1 max_dcc_channels: the policy's max_expected. */
  maxDccChannels: number;
  /** §3.1 dcc_timeout (seconds): the policy timeout; outcomes carry no time. */
  dccTimeout: number;
  /** §3.1 ports=: only names the helper; attachment is the flow's premise (§1.1). */
  ports: number[];
}

/** §3.1 IRC_PORT, MAX_PORTS; §1.3 NF_CT_EXPECT_MAX_CNT caps max_dcc_channels. */
const IRC_PORT = 6667;
const MAX_PORTS = 8;
const EXPECT_MAX_COUNT = 255;
const UINT_MAX = 0xffffffff;

function isIntegerIn(value: unknown, low: number, high: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= low && value <= high;
}

export function parseIrcConfig(raw: Record<string, unknown> | undefined): IrcConfig {
  const config: IrcConfig = { maxDccChannels: 8, dccTimeout: 300, ports: [IRC_PORT] };
  if (raw === undefined) return config;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new FlowError("irc: config must be an object");
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key === "maxDccChannels") {
      // §3.1: 0 or more than 255 makes the module load fail.
      if (!isIntegerIn(value, 1, EXPECT_MAX_COUNT)) {
        throw new FlowError(`irc: config.maxDccChannels must be an integer 1..${EXPECT_MAX_COUNT}`);
      }
      config.maxDccChannels = value;
    } else if (key === "dccTimeout") {
      // A `uint` module parameter.
      if (!isIntegerIn(value, 0, UINT_MAX)) {
        throw new FlowError(`irc: config.dccTimeout must be an integer 0..${UINT_MAX}`);
      }
      config.dccTimeout = value;
    } else if (key === "ports") {
      // A `ushort[8]` module parameter; none given = IRC_PORT.
      const valid =
        Array.isArray(value) &&
        value.length <= MAX_PORTS &&
        value.every((port) => isIntegerIn(port, 0, 65535));
      if (!valid) throw new FlowError(`irc: config.ports must be up to ${MAX_PORTS} port numbers`);
      if (value.length > 0) config.ports = [...value];
    } else {
      throw new FlowError(`irc: unknown config option ${JSON.stringify(key)}`);
    }
  }
  return config;
}

/** One direction of the conntrack entry; IPv4 addresses as unsigned 32-bit numbers
 * (a.b.c.d = a·2^24 + b·2^16 + c·2^8 + d), the form the DCC text uses. */
export interface TupleAddresses {
  src: number;
  dst: number;
}

export interface Connection {
  tuple: Record<Dir, TupleAddresses>;
  /** Source NAT on: nf_nat_irc runs (§1.4). */
  natted: boolean;
}

export function ipv4Number(text: string): number {
  const bytes = addressBytes(text);
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}

function checkAddress(text: unknown, what: string): string {
  const family = typeof text === "string" ? addressFamily(text) : null;
  if (family === null) throw new FlowError(`irc: ${what} is not an IP address: ${String(text)}`);
  // §3.1: the helper registers for AF_INET only.
  if (family !== 4) throw new FlowError("irc is IPv4 only");
  return text as string;
}

function checkEndpoint(endpoint: unknown, what: string): string {
  if (typeof endpoint !== "object" || endpoint === null) {
    throw new FlowError(`irc: ${what} endpoint missing`);
  }
  const { addr, port } = endpoint as { addr?: unknown; port?: unknown };
  if (!isIntegerIn(port, 0, 65535)) throw new FlowError(`irc: ${what}.port must be 0..65535`);
  return checkAddress(addr, `${what}.addr`);
}

function checkSegments(flow: Flow): void {
  if (!Array.isArray(flow.segments)) throw new FlowError("irc: segments must be an array");
  flow.segments.forEach((segment, index) => {
    if (segment.dir !== "orig" && segment.dir !== "reply") {
      throw new FlowError(`irc: segment ${index}: dir must be "orig" or "reply"`);
    }
    if (!(segment.data instanceof Uint8Array)) {
      throw new FlowError(`irc: segment ${index}: data must be bytes`);
    }
    if (segment.seq !== undefined && !Number.isSafeInteger(segment.seq)) {
      throw new FlowError(`irc: segment ${index}: seq must be an integer`);
    }
  });
}

/** The conntrack entry once NAT is set up: orig = client → server, reply = server → the
 * client as the server sees it (the NAT address under source NAT). */
export function connectionOf(flow: Flow): Connection {
  if (flow.helper !== "irc") throw new FlowError(`irc spec cannot run helper ${flow.helper}`);
  if (flow.l4 !== "tcp") throw new FlowError("irc: l4 must be tcp");
  const client = checkEndpoint(flow.client, "client");
  const server = checkEndpoint(flow.server, "server");
  let seenClient = client;
  if (flow.nat !== undefined) seenClient = checkAddress(flow.nat?.client?.addr, "nat.client.addr");
  checkSegments(flow);
  return {
    tuple: {
      orig: { src: ipv4Number(client), dst: ipv4Number(server) },
      reply: { src: ipv4Number(server), dst: ipv4Number(seenClient) },
    },
    // §3.4 via §1.4: only a changed tuple sets IPS_SRC_NAT (SNAT onto the client's own
    // address rewrites nothing; measured on 6.18.44).
    natted: ipv4Number(seenClient) !== ipv4Number(client),
  };
}
