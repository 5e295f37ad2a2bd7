// `npx tsx bench/main.ts [helper...] [flags]`: the bench command on its own, with the
// command line's exit codes (0 pass, 1 regression, 2 bad input). `helperfuzz bench` is
// the same command.

import { Command, CommanderError } from "commander";
import pc from "picocolors";
import { registerBenchCommand } from "../harness/commands/bench.ts";
import { UsageError } from "../harness/usage.ts";

export async function benchMain(args: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command().name("helperfuzz").exitOverride();
  registerBenchCommand(program, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  try {
    await program.parseAsync(["bench", ...args], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      process.stderr.write(`${pc.red("error:")} ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await benchMain(process.argv.slice(2));
}
