#!/usr/bin/env node
// Entry point. In a clone the sources are TypeScript, loaded through tsx so there is no build
// step (and never a stale one); the published package runs the JavaScript that prepack
// compiled into dist/ (this file is also copied to dist/bin/, where the bench command finds it).
import { existsSync } from "node:fs";

const source = new URL("../harness/cli.ts", import.meta.url);
let cli;
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import(source.href);
} else {
  const beside = new URL("../harness/cli.js", import.meta.url);
  cli = await import(existsSync(beside) ? beside.href : "../dist/harness/cli.js");
}
process.exitCode = await cli.main(process.argv);
