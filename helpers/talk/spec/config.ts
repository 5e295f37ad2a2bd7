// The talk spec's options (docs/talk.md, "Config"): the module parameters talk, ntalk and
// ntalk2 of ip_conntrack_talk/ip_nat_talk (0 or 1, default 1) and which of the module's
// two helpers the connection carries (`mode`: the ANNOUNCE helper registered on the port,
// or the LOOK_UP helper an ANNOUNCE expectation hands to the connection it admits).

import { FlowError } from "../../core/model.ts";
import { readConfig } from "../../spec-core/config-values.ts";

export interface TalkSpecConfig {
  mode: "announce" | "lookup";
  talk: boolean;
  ntalk: boolean;
  ntalk2: boolean;
}

function moduleFlag(name: string) {
  return (value: unknown): boolean => {
    if (value === 0 || value === false) return false;
    if (value === 1 || value === true) return true;
    throw new FlowError(`talk: config.${name} must be 0, 1, false or true`);
  };
}

export function readTalkConfig(raw: Record<string, unknown> | undefined): TalkSpecConfig {
  return readConfig<TalkSpecConfig>(
    "talk",
    raw,
    { mode: "announce", talk: true, ntalk: true, ntalk2: true },
    {
      mode(value) {
        if (value === "announce" || value === "lookup") return value;
        throw new FlowError(`talk: config.mode must be "announce" or "lookup"`);
      },
      talk: moduleFlag("talk"),
      ntalk: moduleFlag("ntalk"),
      ntalk2: moduleFlag("ntalk2"),
    },
  );
}
