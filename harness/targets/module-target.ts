// `module:PATH`: a JS/TS module in this process. It exports either a HelperDefinition
// (default export or `helper`), run through the core driver like the built-in helpers so the
// author writes only the packet logic, or a whole-flow function `run(flow): Outcome` (with
// an optional `trace`) and the helper names it implements as `helpers`. PATH may be
// TypeScript or JavaScript, ESM or CommonJS, in a package with or without "type":"module":
// tsx loads it in a namespace of its own (so a `.ts` in a CommonJS package does not end in
// Node's require(esm) cycle), and module-loader-hooks.mjs keeps helperfuzz itself one copy.

import { existsSync } from "node:fs";
import { register as registerHooks } from "node:module";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type NamespacedUnregister, register as registerTsx } from "tsx/esm/api";
import { runFlow, traceFlow } from "../../helpers/core/driver.ts";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import { type Flow, FlowError, type Outcome, type Trace } from "../../helpers/core/model.ts";
import { UsageError } from "../usage.ts";
import type { OpenedTarget } from "./process-target.ts";

const HELPER_FIELDS = ["name", "l4", "families", "policy"] as const;
const HELPER_FUNCTIONS = ["parseConfig", "newState", "process"] as const;

/** What is missing for `value` to be a HelperDefinition, or [] when nothing is. */
export function helperDefinitionGaps(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return ["an object"];
  const record = value as Record<string, unknown>;
  const gaps: string[] = [];
  for (const field of HELPER_FIELDS) if (record[field] === undefined) gaps.push(field);
  for (const fn of HELPER_FUNCTIONS) {
    if (typeof record[fn] !== "function") gaps.push(`${fn}()`);
  }
  return gaps;
}

function helperTarget(name: string, helper: HelperDefinition): OpenedTarget {
  const mine = (flow: Flow) => {
    if (flow.helper !== helper.name) {
      throw new FlowError(`${name} implements "${helper.name}", not "${flow.helper}"`);
    }
  };
  return {
    name,
    helpers: () => [helper.name],
    run: (flow) => {
      mine(flow);
      return runFlow(helper, flow);
    },
    trace: (flow) => {
      mine(flow);
      return traceFlow(helper, flow);
    },
    close: async () => {},
  };
}

function runTarget(name: string, exports: Record<string, unknown>): OpenedTarget {
  const run = exports.run as (flow: Flow) => Outcome;
  const trace = exports.trace as ((flow: Flow) => Trace) | undefined;
  const helpers = exports.helpers;
  if (!Array.isArray(helpers) || !helpers.every((h) => typeof h === "string")) {
    throw new UsageError(
      `${name} exports run() but no "helpers" array naming what it implements (e.g. export const helpers = ["ftp"])`,
    );
  }
  const target: OpenedTarget = {
    name,
    helpers: () => helpers as string[],
    run: (flow) => run(flow),
    close: async () => {},
  };
  if (typeof trace === "function") target.trace = (flow) => trace(flow);
  return target;
}

let authorLoader: NamespacedUnregister | undefined;

/** tsx's namespaced loader, with helperfuzz's own hooks in front of it (registered once). */
function loaderForAuthorModules(): NamespacedUnregister {
  if (authorLoader) return authorLoader;
  authorLoader = registerTsx({ namespace: "helperfuzz-module-target" });
  // .ts in a clone, .js in the published package: the entries beside this file's own kind.
  const kind = extname(new URL(import.meta.url).pathname);
  const root = new URL("../../", import.meta.url);
  registerHooks(new URL("./module-loader-hooks.mjs", import.meta.url), {
    data: {
      root: root.href,
      entries: {
        helperfuzz: new URL(`index${kind}`, root).href,
        "helperfuzz/vitest": new URL(`vitest${kind}`, root).href,
      },
    },
  });
  return authorLoader;
}

/** What a module exports. A CommonJS module (or TypeScript that tsx compiled to CommonJS in
 * a package without "type":"module") arrives with `default` = its module.exports. */
export function moduleExports(namespace: Record<string, unknown>): Record<string, unknown> {
  const inner = namespace.default;
  const isExportsObject =
    typeof inner === "object" &&
    inner !== null &&
    helperDefinitionGaps(inner).length > 0 &&
    ["helper", "run", "default"].some((key) => key in inner);
  return isExportsObject ? moduleExports(inner as Record<string, unknown>) : namespace;
}

/** Why a module did not load, with what fixes the usual cause. */
function loadFailure(name: string, error: unknown): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /Cannot find (module|package) 'helperfuzz'/.test(message)
    ? ` (install helperfuzz in the helper's project, npm install -D PATH-TO/helperfuzz-X.Y.Z.tgz, or write the helper as ESM in a package with "type":"module")`
    : "";
  return new UsageError(`${name}: the module failed to load: ${message}${hint}`);
}

/** Loads `module:PATH` (PATH relative to the working directory). */
export async function openModuleTarget(path: string): Promise<OpenedTarget> {
  const name = `module:${path}`;
  const file = resolve(path);
  if (path.trim() === "") throw new UsageError("module: needs a path, e.g. module:./my-helper.ts");
  if (!existsSync(file)) throw new UsageError(`${name}: no such file ${file}`);
  let loaded: Record<string, unknown>;
  try {
    loaded = await loaderForAuthorModules().import(pathToFileURL(file).href, import.meta.url);
  } catch (error) {
    throw loadFailure(name, error);
  }
  return targetFromExports(name, moduleExports(loaded));
}

/** The target a module's exports describe: a HelperDefinition (default export or `helper`),
 * or run(flow) with the `helpers` it implements. */
export function targetFromExports(name: string, exports: Record<string, unknown>): OpenedTarget {
  for (const key of ["default", "helper"]) {
    const candidate = exports[key];
    if (candidate === undefined) continue;
    const gaps = helperDefinitionGaps(candidate);
    if (gaps.length > 0) {
      throw new UsageError(
        `${name}: its ${key === "default" ? "default export" : '"helper" export'} is no HelperDefinition: missing ${gaps.join(", ")}`,
      );
    }
    return helperTarget(name, candidate as HelperDefinition);
  }
  if (typeof exports.run === "function") return runTarget(name, exports);
  throw new UsageError(
    `${name} exports neither a HelperDefinition (default export or "helper") nor run(flow); it exports: ${Object.keys(exports).join(", ") || "nothing"}`,
  );
}
