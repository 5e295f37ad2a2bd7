// `cthelper:NAME+memcheck`: the cthelper host under valgrind's memcheck. The host
// (cthelper/host.c --memcheck) guards the packet's tail room while the plugin runs and, after
// each flow, counts memcheck's errors and runs a leak check of what that flow added; a flow
// with a new error or new lost bytes is not answered, the host exits MEMCHECK_EXIT. A crash
// of the plugin ends the host with a signal; valgrind logged the errors that led to it. Either
// way the process target reports a misbehaviour on that flow, and this module turns it into
// the finding `memory error`, with valgrind's own text from the host's log file.
//
// Whose fault: a memory error on a flow is the plugin's (the host frees what it allocates for
// a flow, and its pass-through plugin holds every property under memcheck with 0 findings);
// valgrind failing in itself or failing to start the host is the harness's (HarnessError).

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { HarnessError, UsageError } from "../usage.ts";
import { DEFAULT_LEAK_RULE, type LeakRule } from "./memory-watch.ts";
import { TargetMisbehaviour } from "./misbehaviour.ts";
import type { ProcessTargetOptions } from "./process-target.ts";

/** The suffix of a cthelper target that runs its host under valgrind's memcheck. */
export const MEMCHECK_SUFFIX = "+memcheck";
/** The host's exit code after a flow with a memory error (cthelper/host.c). */
export const MEMCHECK_EXIT = 86;
/** How much longer a flow may take under memcheck than natively (valgrind runs the host
 * some 20 to 50 times slower, and more for the first flows through new code). */
export const MEMCHECK_SLOWDOWN = 50;
/** The longest valgrind may take to start the host and load the plugin. */
export const MEMCHECK_HELLO_TIMEOUT_MS = 60_000;
/** Resident memory under valgrind grows by some 60 MiB over the first 2,000 flows (its
 * queue of freed blocks, kept to catch a use after free, and their shadow) and then stays
 * (measured: 47 MiB after the first flow, 111 after 2,000, 113 from 4,000 to 20,000 flows of
 * sane): the growth watch starts after that. A lost block is memcheck's own finding. */
export const MEMCHECK_LEAK_RULE: LeakRule = { ...DEFAULT_LEAK_RULE, warmupFlows: 3000 };
/** The line the host prints into the log once the plugin is loaded (VALGRIND_PRINTF). */
const LOADED_MARK = "helperfuzz-memcheck: plugin loaded";
/** Longest excerpt of valgrind's text in a finding. */
const EXCERPT_CHARS = 4000;
/** What valgrind says when it fails in itself, not because of the program it runs. */
const VALGRIND_OWN_FAILURE =
  /valgrind: the 'impossible' happened|Valgrind's memory management: out of memory|valgrind: failed to start tool|valgrind: m_\w+|valgrind: Fatal error|VG_\(\w+\)/;

/** `cthelper:` text without and with the suffix: the plugin spelled and whether to memcheck. */
export function splitMemcheck(spelled: string): { plugin: string; memcheck: boolean } {
  return spelled.endsWith(MEMCHECK_SUFFIX)
    ? { plugin: spelled.slice(0, -MEMCHECK_SUFFIX.length), memcheck: true }
    : { plugin: spelled, memcheck: false };
}

/** valgrind's version line, or undefined when it is not installed. */
export function valgrindVersion(): string | undefined {
  try {
    return execFileSync("valgrind", ["--version"], { encoding: "utf8", stdio: "pipe" }).trim();
  } catch {
    return undefined;
  }
}

/** The process target's options under memcheck: the flow limits scaled by MEMCHECK_SLOWDOWN
 * (so a slow flow is not called a hang), the hello given valgrind's start, and the growth
 * watch started after valgrind's own warm-up. */
export function memcheckOptions(
  options: ProcessTargetOptions,
  defaultFlowTimeoutMs: number,
): ProcessTargetOptions {
  const flowTimeoutMs = (options.flowTimeoutMs ?? defaultFlowTimeoutMs) * MEMCHECK_SLOWDOWN;
  return {
    ...options,
    flowTimeoutMs,
    confirmTimeoutMs:
      options.confirmTimeoutMs === undefined
        ? undefined
        : options.confirmTimeoutMs * MEMCHECK_SLOWDOWN,
    helloTimeoutMs: Math.max(options.helloTimeoutMs ?? 0, MEMCHECK_HELLO_TIMEOUT_MS),
    leakRule: options.leakRule ?? MEMCHECK_LEAK_RULE,
  };
}

/** One memcheck error block of a log: its first line and the lines under it. */
export interface MemcheckError {
  /** e.g. "Invalid read of size 1", "48 (+48) bytes in 1 (+1) blocks are definitely lost …" */
  what: string;
  lines: string[];
}

/** The error blocks valgrind wrote after the plugin was loaded, without the `==PID==`
 * prefixes, the loss record numbers (they depend on the process, not the flow) nor the
 * host's own mark. A log without the mark (valgrind ended before the plugin was loaded) is
 * read whole. */
export function memcheckErrors(log: string): MemcheckError[] {
  const lines = log.split("\n");
  const mark = lines.findIndex((line) => line.includes(LOADED_MARK));
  const errors: MemcheckError[] = [];
  let current: MemcheckError | undefined;
  // The stack under "… client-defined" is where the host named the tail room: not news.
  let hostStack = false;
  for (const raw of lines.slice(mark + 1)) {
    const prefixed = /^(?:==\d+==|\*\*\d+\*\*) ?(.*)$/.exec(raw);
    if (prefixed === null) continue;
    const line = (prefixed[1] ?? "").replace(/ in (?:new )?loss record \d+ of \d+$/, "");
    if (line.trim() === "") {
      current = undefined;
      continue;
    }
    const frame = /^\s+(?:at|by) 0x/.test(line);
    if (!frame) hostStack = false;
    if (frame && hostStack) continue;
    if (current === undefined || !/^\s/.test(line)) {
      current = { what: line.trim(), lines: [line] };
      errors.push(current);
    } else {
      current.lines.push(line);
    }
    if (line.endsWith("client-defined")) hostStack = true;
  }
  return errors;
}

/** The functions (or, without a symbol, the objects) of an error's first stack, innermost
 * first, up to the host's own run_flow: "memmove < pktb_mangle < … < ct_helper_amanda.so". */
export function stackSummary(error: MemcheckError): string {
  const frames: string[] = [];
  for (const line of error.lines.slice(1)) {
    const frame = /^\s+(?:at|by) 0x[0-9A-Fa-f]+: (.*)$/.exec(line);
    if (frame === null) {
      if (frames.length > 0) break; // the next part (e.g. "Address … is … alloc'd")
      continue;
    }
    const where = frame[1] ?? "";
    const named = /^(\S+) \((?:in )?([^)]*)\)$/.exec(where);
    const symbol = named?.[1] ?? where;
    const name = symbol === "???" ? basename(named?.[2] ?? symbol) : symbol;
    if (name === "run_flow" || name === "main") break;
    if (frames.at(-1) !== name) frames.push(name);
  }
  return frames.join(" < ");
}

/** What a finding says about the errors: a summary line, then valgrind's text. */
export function describeMemoryErrors(errors: MemcheckError[], hostSaid?: string): string {
  const first = errors.find((e) => !e.what.startsWith("Process terminating"));
  const count = errors.filter((e) => !e.what.startsWith("Process terminating")).length;
  const summary =
    first === undefined
      ? (hostSaid ?? "valgrind reported memory errors")
      : `${first.what}: ${stackSummary(first)}${count > 1 ? ` (and ${count - 1} more)` : ""}`;
  let text = "";
  let shown = 0;
  for (const error of errors) {
    const block = error.lines.join("\n");
    if (text.length + block.length > EXCERPT_CHARS && shown > 0) break;
    text += `${text === "" ? "" : "\n"}${block}`;
    shown++;
  }
  const more = errors.length > shown ? `\n… ${errors.length - shown} more in valgrind's log` : "";
  const host = hostSaid === undefined ? "" : `\n${hostSaid}`;
  return `${summary}\nvalgrind memcheck:\n${text}${more}${host}`;
}

/** The valgrind around one target's host: its command line, its log directory, and the
 * reading of a misbehaviour. */
export class Memcheck {
  readonly logDir = mkdtempSync(join(tmpdir(), "helperfuzz-memcheck-"));

  /** The command that runs `host --memcheck plugin` under memcheck (shell words). */
  command(host: string, plugin: string): string {
    return [
      "valgrind",
      "--tool=memcheck",
      "-q",
      `--log-file=${join(this.logDir, "memcheck.%p.log")}`,
      // The host checks for leaks after each flow; none at the exit.
      "--leak-check=no",
      "--show-leak-kinds=definite,indirect",
      "--errors-for-leak-kinds=definite,indirect",
      "--num-callers=20",
      host,
      "--memcheck",
      plugin,
    ]
      .map(quoted)
      .join(" ");
  }

  /** What a misbehaviour of the host under memcheck was: a memory error on the flow (the
   * plugin's), valgrind's own failure (the harness's), or the misbehaviour as it was. */
  explain(error: TargetMisbehaviour): Error {
    const log = this.takeNewestLog();
    const blocks = memcheckErrors(log);
    // "Process terminating with default action of signal …": how it ended, not an error.
    const errors = blocks.filter((b) => !b.what.startsWith("Process terminating"));
    const hostSaid = /cthelper-host: memcheck: [^\n;]*/.exec(error.detail)?.[0];
    const exitedMemcheck = new RegExp(`exit code ${MEMCHECK_EXIT}\\b`).test(error.detail);
    // valgrind's own failure first: what it logged before it failed may be half a story.
    const own = VALGRIND_OWN_FAILURE.exec(log) ?? VALGRIND_OWN_FAILURE.exec(error.detail);
    const starting = /^(?:failed the hello|could not be started)/.test(error.kind);
    if (own !== null || (starting && errors.length === 0)) {
      return new HarnessError(
        `valgrind failed around the cthelper host (${own?.[0] ?? error.kind}): ${error.detail}. This is trouble of valgrind or the machine, not a finding against the plugin.`,
      );
    }
    if (errors.length > 0 || exitedMemcheck) {
      return new TargetMisbehaviour("memory error", describeMemoryErrors(blocks, hostSaid));
    }
    return error;
  }

  close(): void {
    rmSync(this.logDir, { recursive: true, force: true });
  }

  /** The log of the host started last (the one that misbehaved), removed once read; the
   * logs of hosts no longer running go with it. */
  private takeNewestLog(): string {
    let newest: { path: string; mtimeMs: number } | undefined;
    const logs = safeList(this.logDir).filter((name) => /^memcheck\.\d+\.log$/.test(name));
    for (const name of logs) {
      const path = join(this.logDir, name);
      try {
        const { mtimeMs } = statSync(path);
        if (newest === undefined || mtimeMs >= newest.mtimeMs) newest = { path, mtimeMs };
      } catch {
        // gone meanwhile
      }
    }
    if (newest === undefined) return "";
    let text = "";
    try {
      text = readFileSync(newest.path, "utf8");
    } catch {
      return "";
    }
    for (const name of logs) {
      const pid = Number(/\d+/.exec(name)?.[0]);
      const path = join(this.logDir, name);
      if (path === newest.path || !alive(pid)) rmSync(path, { force: true });
    }
    return text;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const quoted = (word: string) =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'"'"'`)}'`;

/** Refuses +memcheck when valgrind is missing: bad set-up, said before anything starts. */
export function requireValgrind(spelled: string): void {
  if (valgrindVersion() === undefined) {
    throw new UsageError(
      `cthelper:${spelled}: valgrind is not installed (bash scripts/setup.sh installs the Debian package valgrind)`,
    );
  }
}
