// The IRC helper's options: the module parameters of nf_conntrack_irc, as a flow names them.

import { configEntries, isIntegerIn, portsOption, UINT_MAX } from "../core/config-options.ts";
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

export function parseIrcConfig(raw: Record<string, unknown> | undefined): IrcConfig {
  const config: IrcConfig = {
    maxDccChannels: DEFAULT_MAX_DCC_CHANNELS,
    dccTimeout: DEFAULT_DCC_TIMEOUT,
  };
  for (const [key, value] of configEntries("irc", raw)) {
    if (key === "maxDccChannels") {
      if (!isIntegerIn(value, 1, NF_CT_EXPECT_MAX_CNT)) {
        throw new FlowError(
          `irc option "maxDccChannels" must be an integer 1..${NF_CT_EXPECT_MAX_CNT}, got ${JSON.stringify(value)}`,
        );
      }
      config.maxDccChannels = value;
    } else if (key === "dccTimeout") {
      if (!isIntegerIn(value, 0, UINT_MAX)) {
        throw new FlowError(
          `irc option "dccTimeout" must be an integer 0..${UINT_MAX} (seconds), got ${JSON.stringify(value)}`,
        );
      }
      config.dccTimeout = value;
    } else if (key === "ports") {
      config.ports = portsOption("irc", value);
    } else {
      throw new FlowError(`unknown irc option "${key}"`);
    }
  }
  return config;
}
