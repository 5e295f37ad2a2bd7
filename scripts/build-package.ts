// Builds dist/, what the published package runs (`npm pack` runs this as prepack): every
// non-test TypeScript source compiled to JavaScript (tsconfig.build.json), and every other
// file the sources load at run time copied beside its compiled neighbours, so paths built
// from import.meta.url (worker .mjs files, the kernel agent's .py, corpus/) hold in dist/
// as they do in the clone. The clone itself needs none of this: bin/ runs the sources.

import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
/** The folders whose files the package runs; their *.ts are compiled, the rest copied. */
const SOURCE_FOLDERS = ["harness", "helpers", "properties", "bench", "corpus"];
const NEVER_COPIED = new Set(["__pycache__"]);

function assetsUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (NEVER_COPIED.has(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...assetsUnder(path));
    else if (entry.isFile() && !entry.name.endsWith(".ts")) found.push(path);
  }
  return found;
}

function copyInto(target: string, file: string): void {
  const to = join(target, relative(root, file));
  mkdirSync(dirname(to), { recursive: true });
  cpSync(file, to);
}

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
const assets = SOURCE_FOLDERS.flatMap((folder) => assetsUnder(join(root, folder)));
for (const file of assets) copyInto(dist, file);
// The bench command re-runs the CLI through ../../bin/helperfuzz.mjs from its own file.
copyInto(dist, join(root, "bin", "helperfuzz.mjs"));
process.stdout.write(`dist/: compiled the sources, copied ${assets.length + 1} other files\n`);
