// The findings folder is checked before a campaign starts: a finding that cannot be saved
// would otherwise surface only once it is found, perhaps hours in. The check creates the
// missing folders and a probe file, then removes what it made, so a clean run leaves
// nothing behind. Every call is a single fs call that cannot block: no recursive mkdir
// (Node's loops forever under /proc), and /proc and /sys are refused by where the path
// leads (symbolic links followed) before anything is created.

import { mkdirSync, realpathSync, rmdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "./usage.ts";

/** Where the kernel's pseudo filesystems live: they hold kernel state, not files. */
const KERNEL_TREES = ["/proc", "/sys"];

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENOTDIR: "a part of the path is not a folder",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
};

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** Throws a UsageError naming `dir` and why findings cannot be saved in it. */
export function checkFindingsDir(dir: string, flag = "--findings"): void {
  const refuse = (why: string) =>
    new UsageError(`${flag} ${dir}: findings cannot be saved there: ${why}`);
  const absolute = resolve(dir);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(existing, { throwIfNoEntry: false });
    } catch (error) {
      throw refuse(`cannot look at ${existing}: ${reason(error)}`);
    }
    if (stats !== undefined) {
      if (!stats.isDirectory()) {
        throw refuse(`${existing} is ${stats.isFile() ? "a file, not a folder" : "not a folder"}`);
      }
      break;
    }
    missing.unshift(existing);
    existing = dirname(existing);
  }
  refuseKernelTree(existing, refuse);

  const created: string[] = [];
  try {
    for (const folder of missing) {
      try {
        mkdirSync(folder);
        created.push(folder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
          throw refuse(`cannot create ${folder}: ${reason(error)}`);
        }
      }
    }
    const probe = join(absolute, `.helperfuzz-probe-${process.pid}`);
    try {
      writeFileSync(probe, "", { flag: "wx" });
    } catch (error) {
      throw refuse(`cannot create a file in ${absolute}: ${reason(error)}`);
    }
    unlinkSync(probe);
  } finally {
    for (const folder of created.reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        break; // something else put a file there meanwhile: leave the folders
      }
    }
  }
}

function refuseKernelTree(existing: string, refuse: (why: string) => UsageError): void {
  let real: string;
  try {
    real = realpathSync(existing);
  } catch (error) {
    throw refuse(`cannot look at ${existing}: ${reason(error)}`);
  }
  const tree = KERNEL_TREES.find((t) => real === t || real.startsWith(`${t}/`));
  if (tree) throw refuse(`${tree} holds the kernel's state, not files`);
}
