// The talk helper's options, as a flow names them.
//
// `talk`, `ntalk`, `ntalk2`: the module parameters of ip_conntrack_talk and ip_nat_talk
// ("talk=[0|1] ntalk=[0|1] ntalk2=[0|1]", default all 1): talk=0 leaves UDP 517 without a
// helper, ntalk=0 and ntalk2=0 together leave 518 without one (init():
// `if (ntalk > 0 || ntalk2 > 0) ip_conntrack_helper_register(&talk_helpers[1])`), and each
// of ntalk/ntalk2 gates its own datagram layout on 518.
//
// `mode`: which of the module's two helpers the connection carries. The helper registered
// on 517/518 (talk_helpers[], `help`/`nhelp`) watches the caller's connection to the
// callee's daemon and acts on ANNOUNCE answers; the connection its ANNOUNCE expectation
// admits (the callee's client to the caller's daemon) is handed the lookup helper by the
// expectfn (`ct->helper = &lookup_helpers[...]`), which acts on LOOK_UP answers. A flow
// cannot show how the connection came to be, so it says which one it is.

import { configEntries } from "../core/config-options.ts";
import { FlowError } from "../core/model.ts";
import { ANNOUNCE, LOOK_UP } from "./layout.ts";

export type TalkMode = "announce" | "lookup";

export interface TalkConfig {
  mode: TalkMode;
  /** The message type whose successful answer opens a pinhole (`mode` of talk_help). */
  modeType: number;
  talk: boolean;
  ntalk: boolean;
  ntalk2: boolean;
}

function flag(key: string, value: unknown): boolean {
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  throw new FlowError(`talk option "${key}" must be true, false, 0 or 1`);
}

export function parseTalkConfig(raw: Record<string, unknown> | undefined): TalkConfig {
  const config: TalkConfig = {
    mode: "announce",
    modeType: ANNOUNCE,
    talk: true,
    ntalk: true,
    ntalk2: true,
  };
  for (const [key, value] of configEntries("talk", raw)) {
    if (key === "mode") {
      if (value !== "announce" && value !== "lookup") {
        throw new FlowError(`talk option "mode" must be "announce" or "lookup"`);
      }
      config.mode = value;
      config.modeType = value === "lookup" ? LOOK_UP : ANNOUNCE;
    } else if (key === "talk" || key === "ntalk" || key === "ntalk2") {
      config[key] = flag(key, value);
    } else {
      throw new FlowError(`unknown talk option "${key}"`);
    }
  }
  return config;
}
