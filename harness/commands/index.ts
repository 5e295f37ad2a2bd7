// Every subcommand, registered in one place.

import type { Command } from "commander";
import { registerBenchCommand } from "./bench.ts";
import { registerCaptureCommand } from "./capture.ts";
import { registerCheckCommand } from "./check.ts";
import { registerConformCommand } from "./conform.ts";
import type { ExitWith } from "./exit.ts";
import { registerMergeCommand } from "./merge.ts";
import { registerPcapCommand } from "./pcap.ts";
import { registerReplayCommand } from "./replay.ts";
import { registerRunCommand } from "./run.ts";

export type { ExitWith } from "./exit.ts";

export function registerCommands(program: Command, exit: ExitWith): void {
  registerRunCommand(program, exit);
  registerCheckCommand(program, exit);
  registerReplayCommand(program, exit);
  registerPcapCommand(program);
  registerCaptureCommand(program, exit);
  registerConformCommand(program, exit);
  registerBenchCommand(program, exit);
  registerMergeCommand(program, exit);
}
