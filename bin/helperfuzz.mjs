#!/usr/bin/env node
// Entry point: the sources are TypeScript, loaded through tsx so there is no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../harness/cli.ts");
process.exitCode = await main(process.argv);
