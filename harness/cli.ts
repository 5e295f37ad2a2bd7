// The command line. Exit codes (usage.ts EXIT): 0 = everything held, 1 = a property failed
// or an outcome differed, 2 = bad input to the tool (a wrong flag, a broken case file),
// 3 = the harness's own trouble (no verdict), 129/130/143 = ended by SIGHUP/SIGINT/SIGTERM.

import { Command, CommanderError } from "commander";
import pc from "picocolors";
import { FlowError } from "../helpers/core/model.ts";
import { registerCommands } from "./commands/index.ts";
import { EXIT, HarnessError, UsageError } from "./usage.ts";

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
    if (error instanceof HarnessError) {
      process.stderr.write(`${pc.red("harness error:")} ${error.message}\n`);
      return EXIT.harness;
    }
    throw error;
  }
}
