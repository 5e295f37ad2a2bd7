// The IRC helper's options: the module parameters of nf_conntrack_irc, as a flow names them.

import { FlowError } from "../core/model.ts";

export interface IrcConfig {
  /** max_dcc_channels: live DCC expectations per IRC connection (the policy's
   * max_expected); the module refuses to load outside 1..NF_CT_EXPECT_MAX_CNT (255). */
  maxDccChannels: number;
  /** dcc_timeout: seconds an unanswered DCC expectation lives. */
  dccTimeout: number;
  /** Module parameter `ports`: only names the helper; accepted and ignored. */
  ports?: number[];
}

export const DEFAULT_MAX_DCC_CHANNELS = 8;
export const DEFAULT_DCC_TIMEOUT = 300;
const NF_CT_EXPECT_MAX_CNT = 255;
const UINT_MAX = 0xffff_ffff;

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

function isPortList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((p) => isInteger(p, 0, 65535));
}

export function parseIrcConfig(raw: Record<string, unknown> | undefined): IrcConfig {
  const config: IrcConfig = {
    maxDccChannels: DEFAULT_MAX_DCC_CHANNELS,
    dccTimeout: DEFAULT_DCC_TIMEOUT,
  };
  if (raw === undefined) return config;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new FlowError("irc config must be an object");
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key === "maxDccChannels") {
      if (!isInteger(value, 1, NF_CT_EXPECT_MAX_CNT)) {
        throw new FlowError(
          `irc option "maxDccChannels" must be an integer 1..${NF_CT_EXPECT_MAX_CNT}, got ${JSON.stringify(value)}`,
        );
      }
      config.maxDccChannels = value;
    } else if (key === "dccTimeout") {
      if (!isInteger(value, 0, UINT_MAX)) {
        throw new FlowError(
          `irc option "dccTimeout" must be an integer 0..${UINT_MAX} (seconds), got ${JSON.stringify(value)}`,
        );
      }
      config.dccTimeout = value;
    } else if (key === "ports") {
      if (!isPortList(value)) throw new FlowError(`irc option "ports" must be a list of ports`);
      config.ports = value;
    } else {
      throw new FlowError(`unknown irc option "${key}"`);
    }
  }
  return config;
}
