// The gate's baseline tree: a commit unpacked into a temporary folder, the repository
// untouched. No timing.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutTree, resolveCommit } from "../bench/core/tree-checkout.ts";
import { UsageError } from "../harness/usage.ts";

const root = join(import.meta.dirname, "..");
const git = (...args: string[]) =>
  spawnSync("git", ["-C", root, ...args], { encoding: "utf8" }).stdout;

describe("the baseline tree", () => {
  it("resolves a revision to its full commit id, and refuses one that names none", () => {
    expect(resolveCommit(root, "HEAD")).toBe(git("rev-parse", "HEAD").trim());
    expect(() => resolveCommit(root, "no-such-revision-xyz")).toThrow(UsageError);
    expect(() => resolveCommit(root, "--all")).toThrow(/needs a git revision/);
  });

  it("unpacks the commit with node_modules linked, leaves the repository alone, and removes it", () => {
    const commit = resolveCommit(root, "HEAD");
    const worktreesBefore = git("worktree", "list");
    const statusBefore = git("status", "--porcelain");
    const tree = checkOutTree(root, commit);
    try {
      expect(readFileSync(join(tree.root, "package.json"), "utf8")).toBe(
        git("show", `${commit}:package.json`),
      );
      expect(existsSync(join(tree.root, "bin", "helperfuzz.mjs"))).toBe(true);
      expect(realpathSync(join(tree.root, "node_modules"))).toBe(
        realpathSync(join(root, "node_modules")),
      );
      expect(git("worktree", "list")).toBe(worktreesBefore);
      expect(git("status", "--porcelain")).toBe(statusBefore);
    } finally {
      tree.remove();
    }
    expect(existsSync(tree.root)).toBe(false);
  });
});
