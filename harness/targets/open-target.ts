// One place that turns a --target value into a target: builtin, spec, module:PATH,
// cmd:COMMAND, cthelper:NAME|PATH.so. The caller closes what it opened.

import { helperRegistry } from "../../helpers/registry.ts";
import { UsageError } from "../usage.ts";
import { openCthelperTarget } from "./cthelper-target.ts";
import { builtinTarget, specTarget } from "./in-process.ts";
import { openModuleTarget } from "./module-target.ts";
import {
  type OpenedTarget,
  openProcessTarget,
  type ProcessTargetOptions,
} from "./process-target.ts";

export type { OpenedTarget } from "./process-target.ts";

function inProcess(target: typeof builtinTarget): OpenedTarget {
  return { ...target, helpers: () => Object.keys(helperRegistry), close: async () => {} };
}

export async function openTarget(
  spelled: string,
  options: ProcessTargetOptions = {},
): Promise<OpenedTarget> {
  if (spelled === "builtin") return inProcess(builtinTarget);
  if (spelled === "spec") return inProcess(specTarget);
  if (spelled.startsWith("module:")) return openModuleTarget(spelled.slice("module:".length));
  if (spelled.startsWith("cthelper:"))
    return openCthelperTarget(spelled.slice("cthelper:".length), options);
  if (spelled.startsWith("cmd:")) {
    const command = spelled.slice("cmd:".length);
    if (command.trim() === "") throw new UsageError("cmd: needs a command, e.g. cmd:./my-adapter");
    return openProcessTarget(command, options);
  }
  throw new UsageError(
    `unknown target "${spelled}" (use builtin, spec, module:PATH, cmd:COMMAND or cthelper:NAME|PATH.so)`,
  );
}
