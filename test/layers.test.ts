// The layers point one way: helpers <- properties <- harness, the commands on top. A module
// may import its own layer or one below, never one above; a command (each file that
// index.ts registers) imports no other command and not index.ts: what they share lives in
// a shared module (options.ts, campaign-report.ts, exit.ts). Test files count too.

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..");

function sourcesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(repo, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourcesUnder(path));
    else if (/\.(ts|mts|mjs|js)$/.test(entry.name)) found.push(path);
  }
  return found;
}

/** Relative imports of a file (static, re-exports, type-only and dynamic), as repo paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(repo, file), "utf8");
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']/gms),
    ...text.matchAll(/^\s*import\s+["']([^"']+)["']/gm),
    ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return specifiers
    .filter((s) => s.startsWith("."))
    .map((s) => relative(repo, resolve(repo, dirname(file), s)));
}

const LAYERS = ["helpers", "properties", "harness", "harness/commands", "the CLI"] as const;

function layerOf(path: string): number {
  // The entry point registers the commands: it is the top.
  if (path === "harness/cli.ts") return 4;
  if (path.startsWith("harness/commands/")) return 3;
  if (path.startsWith("harness/")) return 2;
  if (path.startsWith("properties/")) return 1;
  if (path.startsWith("helpers/")) return 0;
  return -1;
}

const COMMANDS = [
  ...readFileSync(join(repo, "harness/commands/index.ts"), "utf8").matchAll(
    /from "\.\/([\w-]+\.ts)"/g,
  ),
]
  .map((m) => `harness/commands/${m[1]}`)
  .filter((path) => !path.endsWith("/exit.ts"));

const files = ["helpers", "properties", "harness"].flatMap(sourcesUnder);

describe("layers", () => {
  it("finds the sources and the commands", () => {
    expect(files.length).toBeGreaterThan(200);
    expect(COMMANDS).toContain("harness/commands/run.ts");
    expect(COMMANDS).toContain("harness/commands/merge.ts");
  });

  it("no module imports a layer above its own", () => {
    const upward: string[] = [];
    for (const file of files) {
      for (const target of importsOf(file)) {
        if (layerOf(target) > layerOf(file)) {
          upward.push(
            `${file} (${LAYERS[layerOf(file)]}) imports ${target} (${LAYERS[layerOf(target)]})`,
          );
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it("no command imports another command or the index that registers them", () => {
    const across: string[] = [];
    for (const file of COMMANDS) {
      for (const target of importsOf(file)) {
        if (COMMANDS.includes(target) || target === "harness/commands/index.ts")
          across.push(`${file} imports ${target}`);
      }
    }
    expect(across).toEqual([]);
  });

  it("would see an upward import (the scan reads the forms the sources use)", () => {
    expect(importsOf("harness/targets/in-process.ts")).toEqual(["properties/core/in-process.ts"]);
    expect(importsOf("harness/campaign-worker-entry.mjs")).toEqual([]);
    expect(importsOf("properties/core/runner.ts")).toContain("properties/core/harness-error.ts");
  });
});
