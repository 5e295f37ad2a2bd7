// The PPTP helper's options, as a flow names them: nf_conntrack_pptp has no module
// parameters (no ports=), so any option is a mistake.

import { configEntries } from "../core/config-options.ts";
import { FlowError } from "../core/model.ts";

export type PptpConfig = Record<string, never>;

export function parsePptpConfig(raw: Record<string, unknown> | undefined): PptpConfig {
  for (const [key] of configEntries("pptp", raw)) {
    throw new FlowError(`unknown pptp option "${key}" (nf_conntrack_pptp has none)`);
  }
  return {};
}
