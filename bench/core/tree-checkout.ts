// The baseline tree of the side-by-side gate: a commit of this repository unpacked into a
// temporary folder (git archive: the repository, its index and its worktree list stay
// untouched), sharing this tree's node_modules through a symlink.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HarnessError, UsageError } from "../../harness/usage.ts";

function git(root: string, args: string[]) {
  return spawnSync("git", ["-C", root, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
}

/** The full commit id a revision names; a revision that names none is bad input. */
export function resolveCommit(root: string, revision: string): string {
  if (revision.startsWith("-"))
    throw new UsageError(`--against needs a git revision, got "${revision}"`);
  const r = git(root, ["rev-parse", "--verify", "--quiet", `${revision}^{commit}`]);
  if (r.error !== undefined) throw new HarnessError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0) {
    throw new UsageError(
      `--against ${revision}: no such commit in ${root} (a shallow clone lacks history: fetch it, or name a commit it has)`,
    );
  }
  return r.stdout.trim();
}

export interface CheckedOutTree {
  root: string;
  commit: string;
  remove: () => void;
}

/** Unpacks `commit` into a fresh temporary folder. */
export function checkOutTree(root: string, commit: string): CheckedOutTree {
  const dir = mkdtempSync(join(tmpdir(), "helperfuzz-base-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const tar = join(dir, "tree.tar");
    const archive = git(root, ["archive", "--format=tar", "-o", tar, commit]);
    if (archive.status !== 0) throw new HarnessError(`git archive ${commit}: ${archive.stderr}`);
    const tree = join(dir, "tree");
    mkdirSync(tree);
    const unpack = spawnSync("tar", ["-xf", tar, "-C", tree], { encoding: "utf8" });
    if (unpack.status !== 0) throw new HarnessError(`unpacking ${commit}: ${unpack.stderr}`);
    rmSync(tar);
    symlinkSync(realpathSync(join(root, "node_modules")), join(tree, "node_modules"));
    if (!existsSync(join(tree, "bin", "helperfuzz.mjs"))) {
      throw new UsageError(`--against ${commit}: that commit has no bin/helperfuzz.mjs to bench`);
    }
    return { root: tree, commit, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
