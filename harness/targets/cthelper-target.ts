// `cthelper:NAME` (ftp, tftp, amanda, sane: Debian's conntrack-tools plugin, unpacked by
// scripts/setup.sh) and `cthelper:PATH.so` (an author's plugin): the plugin runs inside
// cthelper/host.c, which speaks protocol v1, so this is a process target around the host.
// `cthelper:NAME+memcheck` runs the host under valgrind's memcheck: a read past the packet,
// a use after free or a leak inside the plugin is the finding `memory error` on that flow
// (memcheck.ts).

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Flow, FlowError, type Outcome } from "../../helpers/core/model.ts";
import { UsageError } from "../usage.ts";
import { Memcheck, memcheckOptions, requireValgrind, splitMemcheck } from "./memcheck.ts";
import { TargetMisbehaviour } from "./misbehaviour.ts";
import {
  DEFAULT_FLOW_TIMEOUT_MS,
  type OpenedTarget,
  ProcessTarget,
  type ProcessTargetOptions,
} from "./process-target.ts";

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const CTHELPER_BUILD = resolve(REPOSITORY, "cthelper/build.sh");
export const CTHELPER_HOST = resolve(REPOSITORY, ".cache/cthelper/host");
export const PASS_THROUGH_TFTP = resolve(REPOSITORY, ".cache/cthelper/test-tftp.so");
const DEBIAN_PLUGINS = resolve(
  REPOSITORY,
  ".cache/conntrackd/usr/lib/x86_64-linux-gnu/conntrack-tools",
);
export const DEBIAN_PLUGIN_NAMES = ["ftp", "tftp", "amanda", "sane"] as const;

/** A flow the plugin cannot be given faithfully (tool input, like a malformed flow):
 * property runs skip it through the target's notRunnable, so this is only seen by a
 * replay or pcap of such a flow. */
export class NotRunnable extends FlowError {
  constructor(readonly reason: string) {
    super(`not runnable on this plugin: ${reason}`);
  }
}

/** Why a conntrack-tools plugin cannot run this flow; undefined = it can. */
export function notRunnableReason(flow: Flow): string | undefined {
  const config = flow.config ?? {};
  if (flow.helper === "ftp" && config.loose === true)
    return "ftp loose=true: the plugin's loose is a static without a setter (only off runs)";
  if (flow.helper === "ftp" && config.avoidU16Overflows === true)
    return "ftp avoidU16Overflows=true: a kernel variant the plugin has no option for";
  return undefined;
}

/** The plugin file a `cthelper:` value names. */
export function pluginPath(spelled: string): string {
  if (spelled === "") {
    throw new UsageError(
      `cthelper: needs a plugin: ${DEBIAN_PLUGIN_NAMES.join(", ")} or PATH.so (add +memcheck to run it under valgrind)`,
    );
  }
  const named = (DEBIAN_PLUGIN_NAMES as readonly string[]).includes(spelled);
  const path = named ? resolve(DEBIAN_PLUGINS, `ct_helper_${spelled}.so`) : resolve(spelled);
  if (!existsSync(path)) {
    throw new UsageError(
      named
        ? `cthelper:${spelled}: ${path} is missing; run bash scripts/setup.sh (it unpacks Debian's conntrackd plugins)`
        : `cthelper:${spelled}: no such plugin file ${path} (use ${DEBIAN_PLUGIN_NAMES.join(", ")} or PATH.so)`,
    );
  }
  return path;
}

/** Builds the host (and the test plugin) when missing or older than their sources. */
export function buildHost(): string {
  try {
    execFileSync("bash", [CTHELPER_BUILD], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? "";
    throw new UsageError(
      `cthelper: building the host failed (bash scripts/setup.sh installs gcc, libjansson-dev, libnetfilter-conntrack-dev, libnetfilter-queue-dev): ${stderr.slice(-600)}`,
    );
  }
  return CTHELPER_HOST;
}

export class CthelperTarget implements OpenedTarget {
  readonly name: string;
  /** Flows refused, by reason: stated when the target closes. */
  readonly refused = new Map<string, number>();

  constructor(
    spelled: string,
    private readonly process: ProcessTarget,
    /** Present for `+memcheck`: the valgrind around the host. */
    private readonly memcheck?: Memcheck,
  ) {
    this.name = `cthelper:${spelled}`;
  }

  helpers(): readonly string[] {
    return this.process.helpers();
  }

  /** The running host's pid (null when none runs). */
  get pid(): number | null {
    return this.process.pid;
  }

  notRunnable(flow: Flow): string | undefined {
    const reason = notRunnableReason(flow);
    if (reason !== undefined) this.refused.set(reason, (this.refused.get(reason) ?? 0) + 1);
    return reason;
  }

  run(flow: Flow): Outcome {
    const reason = notRunnableReason(flow);
    if (reason !== undefined) throw new NotRunnable(reason);
    if (this.memcheck === undefined) return this.process.run(flow);
    try {
      return this.process.run(flow);
    } catch (error) {
      if (error instanceof TargetMisbehaviour) throw this.memcheck.explain(error);
      throw error;
    }
  }

  async close(): Promise<void> {
    for (const [reason, count] of this.refused) {
      process.stderr.write(`${this.name}: ${count} flows not runnable: ${reason}\n`);
    }
    await this.process.close();
    this.memcheck?.close();
  }
}

const quoted = (path: string) => `'${path.replaceAll("'", `'"'"'`)}'`;

/** Opens `cthelper:SPELLED` (the text after "cthelper:"): `NAME`, `PATH.so`, either with
 * `+memcheck`. */
export function openCthelperTarget(
  spelled: string,
  options: ProcessTargetOptions = {},
): CthelperTarget {
  const { plugin: pluginSpelled, memcheck } = splitMemcheck(spelled);
  const plugin = pluginPath(pluginSpelled);
  if (memcheck) requireValgrind(spelled);
  const host = buildHost();
  if (!memcheck) {
    const inner = new ProcessTarget(`${quoted(host)} ${quoted(plugin)}`, options).open();
    return new CthelperTarget(spelled, inner);
  }
  const valgrind = new Memcheck();
  try {
    const inner = new ProcessTarget(
      valgrind.command(host, plugin),
      memcheckOptions(options, DEFAULT_FLOW_TIMEOUT_MS),
    ).open();
    return new CthelperTarget(spelled, inner, valgrind);
  } catch (error) {
    valgrind.close();
    throw error;
  }
}
