// One line per helper: its fast helper and its reference spec model.

import type { HelperDefinition } from "./core/helper.ts";
import type { Flow, Outcome, Trace } from "./core/model.ts";
import { ftpHelper } from "./ftp/index.ts";
import { ftpSpec, ftpSpecTrace } from "./ftp/spec/index.ts";
import { ircHelper } from "./irc/index.ts";
import { ircSpec, ircSpecTrace } from "./irc/spec/index.ts";

export interface RegisteredHelper {
  // biome-ignore lint/suspicious/noExplicitAny: each helper has its own config and state types
  helper: HelperDefinition<any, any>;
  /** The reference spec model: an independent flow → outcome function. */
  spec: (flow: Flow) => Outcome;
  specTrace?: (flow: Flow) => Trace;
}

export const helperRegistry: Record<string, RegisteredHelper> = {
  ftp: { helper: ftpHelper, spec: ftpSpec, specTrace: ftpSpecTrace },
  irc: { helper: ircHelper, spec: ircSpec, specTrace: ircSpecTrace },
};
