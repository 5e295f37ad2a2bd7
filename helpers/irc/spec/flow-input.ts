// Checks a flow as tool input and builds the conntrack view the IRC helper works on.
// Anything wrong here is the tool user's mistake, never the peers': FlowError.

import { addressBytes } from "../../core/address.ts";
import { type Dir, type Flow, FlowError } from "../../core/model.ts";
import { isIntegerIn, portsOption, readConfig, UINT_MAX } from "../../spec-core/config-values.ts";
import { connectionOf as conntrackOf } from "../../spec-core/connection.ts";

export interface IrcConfig {
  /** §3.1 max_dcc_channels: the policy's max_expected. */
  maxDccChannels: number;
  /** §3.1 dcc_timeout (seconds): the policy timeout; outcomes carry no time. */
  dccTimeout: number;
  /** §3.1 ports=: only names the helper; attachment is the flow's premise (§1.1). */
  ports: number[];
}

/** §3.1 IRC_PORT; §1.3 NF_CT_EXPECT_MAX_CNT caps max_dcc_channels. */
const IRC_PORT = 6667;
const EXPECT_MAX_COUNT = 255;

export function parseIrcConfig(raw: Record<string, unknown> | undefined): IrcConfig {
  const defaults: IrcConfig = { maxDccChannels: 8, dccTimeout: 300, ports: [IRC_PORT] };
  return readConfig("irc", raw, defaults, {
    maxDccChannels(value) {
      // §3.1: 0 or more than 255 makes the module load fail.
      if (!isIntegerIn(value, 1, EXPECT_MAX_COUNT)) {
        throw new FlowError(`irc: config.maxDccChannels must be an integer 1..${EXPECT_MAX_COUNT}`);
      }
      return value;
    },
    dccTimeout(value) {
      // A `uint` module parameter.
      if (!isIntegerIn(value, 0, UINT_MAX)) {
        throw new FlowError(`irc: config.dccTimeout must be an integer 0..${UINT_MAX}`);
      }
      return value;
    },
    // A `ushort[8]` module parameter; none given = IRC_PORT.
    ports: (value) => portsOption("irc", value, [IRC_PORT]),
  });
}

/** One direction of the conntrack entry; IPv4 addresses as unsigned 32-bit numbers
 * (a.b.c.d = a·2^24 + b·2^16 + c·2^8 + d), the form the DCC text uses. */
export interface TupleAddresses {
  src: number;
  dst: number;
}

export interface Connection {
  tuple: Record<Dir, TupleAddresses>;
  /** Source NAT on: nf_nat_irc runs (§1.4, §3.4). */
  natted: boolean;
}

export function ipv4Number(text: string): number {
  const bytes = addressBytes(text);
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}

/** The conntrack entry once NAT is set up: orig = client → server, reply = server → the
 * client as the server sees it (the NAT address under source NAT). §3.1: the helper
 * registers for AF_INET only. */
export function connectionOf(flow: Flow): Connection {
  const { tuple, natted } = conntrackOf(flow, { helper: "irc", l4: "tcp", ipv4Only: true });
  const numbers = (dir: Dir) => ({
    src: ipv4Number(tuple[dir].src),
    dst: ipv4Number(tuple[dir].dst),
  });
  return { tuple: { orig: numbers("orig"), reply: numbers("reply") }, natted };
}
