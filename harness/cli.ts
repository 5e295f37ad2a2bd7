// The command line. Exit codes: 0 = everything held, 1 = a property failed or an outcome
// differed, 2 = bad input to the tool (a wrong flag, a broken case file).

import { Command, CommanderError } from "commander";
import pc from "picocolors";
import { FlowError } from "../helpers/core/model.ts";
import { registerCommands } from "./commands/index.ts";
import { RunFailure, UsageError } from "./usage.ts";

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name("helperfuzz")
    .description(
      "Fuzzing and conformance harness for firewall/NAT protocol helpers (FTP, IRC, TFTP, Amanda, ...)",
    )
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");
  registerCommands(program, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, successfully.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof FlowError) {
      process.stderr.write(`${pc.red("error:")} ${error.message}\n`);
      return 2;
    }
    if (error instanceof RunFailure) {
      process.stderr.write(`${pc.red("failed:")} ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
