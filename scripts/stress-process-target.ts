// The stress run (docs/authors.md "Stress"): the C example behind a relay that holds back
// some answers to 80-95 % of the flow timeout (and a few to 100-150 %: a fresh program must
// then be asked, not a finding made), both cores kept busy, the program killed now and then;
// 1,000,000 flows by default. Exit 0: no finding and no harness error; 1: a
// finding (a false one: the program is correct); 3: harness errors only; 2: bad options.
//
//   node --import tsx scripts/stress-process-target.ts [--flows N] [--busy N] [--busy-nice N] [--seed N]
//     [--flow-timeout MS] [--near-fraction F] [--late-fraction F] [--kill-every N]
//     [--findings DIR] [--json] [--bug]
//
// --json prints the report as one JSON object instead; --bug builds the example with its
// planted bug, to see the run catch real findings.

import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  runStress,
  STRESS_EXIT,
  type StressReport,
  stressExitCode,
} from "../harness/targets/stress.ts";
import { parsePositiveInt, parseSeed, UsageError } from "../harness/usage.ts";

const repo = join(import.meta.dirname, "..");

function options() {
  const { values } = parseArgs({
    options: {
      flows: { type: "string", default: "1000000" },
      busy: { type: "string", default: "2" },
      "busy-nice": { type: "string", default: "0" },
      seed: { type: "string", default: "1" },
      "flow-timeout": { type: "string", default: "200" },
      "near-fraction": { type: "string", default: "0.002" },
      "late-fraction": { type: "string", default: "0.0002" },
      "kill-every": { type: "string", default: "5000" },
      findings: { type: "string" },
      json: { type: "boolean", default: false },
      bug: { type: "boolean", default: false },
    },
  });
  const fraction = (flag: "near-fraction" | "late-fraction") => {
    const value = Number(values[flag]);
    if (values[flag].trim() === "" || !(value >= 0 && value <= 1)) {
      throw new UsageError(`--${flag} needs a number from 0 to 1, got "${values[flag]}"`);
    }
    return value;
  };
  const whole = (text: string, flag: string) => (text === "0" ? 0 : parsePositiveInt(text, flag));
  return {
    flows: parsePositiveInt(values.flows, "--flows"),
    busy: whole(values.busy, "--busy"),
    busyNice: Math.min(19, whole(values["busy-nice"], "--busy-nice")),
    seed: parseSeed(values.seed),
    flowTimeoutMs: parsePositiveInt(values["flow-timeout"], "--flow-timeout"),
    near: fraction("near-fraction"),
    late: fraction("late-fraction"),
    killEvery: whole(values["kill-every"], "--kill-every"),
    findings: values.findings,
    json: values.json,
    bug: values.bug,
  };
}

function build(dir: string): { relay: string; adapter: string } {
  const adapter = join(dir, "ftp-port-adapter");
  const relay = join(dir, "stress-delay-relay");
  const gcc = (source: string, out: string) =>
    execFileSync("gcc", ["-O2", "-Wall", "-Werror", "-o", out, join(repo, source)]);
  gcc("examples/c-adapter/ftp-port-adapter.c", adapter);
  gcc("scripts/stress-delay-relay.c", relay);
  return { relay, adapter };
}

function line(report: StressReport): string {
  const c = report.channel;
  return [
    `${report.flows} flows (${report.checks} property checks) against ${report.target} in ${(report.durationMs / 1000).toFixed(1)} s`,
    `  findings: ${report.findings}`,
    `  harness errors (retries used up): ${report.harnessErrors}`,
    `  harness faults retried on a fresh program: ${c.harnessRetries} (channel workers replaced: ${c.workerRestarts}, stale replies discarded: ${c.staleReplies})`,
    `  late answers forgiven (a fresh program answered in time): ${c.lateAnswersForgiven}`,
    `  program starts: ${report.starts} (forced by this run's kills: ${report.forcedRestarts})`,
  ].join("\n");
}

async function main(): Promise<number> {
  let chosen: ReturnType<typeof options>;
  try {
    chosen = options();
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return STRESS_EXIT.usage;
  }
  const dir = mkdtempSync(join(tmpdir(), "helperfuzz-stress-"));
  const { relay, adapter } = build(dir);
  const t = chosen.flowTimeoutMs;
  const ms = (share: number) => Math.round(share * t);
  const command = `${relay} ${chosen.near} ${ms(0.8)} ${ms(0.95)} ${chosen.late} ${ms(1)} ${ms(1.5)} ${chosen.seed} ${adapter}${chosen.bug ? " --bug" : ""}`;
  const say = (text: string) => {
    if (!chosen.json) process.stdout.write(text);
  };
  say(
    `stress: ${chosen.flows} flows, flow timeout ${t} ms, answers held back to 80-95 % of it: ${chosen.near * 100} %, to 100-150 %: ${chosen.late * 100} %, ${chosen.busy} busy processes (nice ${chosen.busyNice}), a kill every ~${chosen.killEvery} flows, seed ${chosen.seed}\n`,
  );
  let shown = 0;
  const report = await runStress({
    command,
    flows: chosen.flows,
    flowTimeoutMs: t,
    busy: chosen.busy,
    busyNice: chosen.busyNice,
    killEvery: chosen.killEvery,
    seed: chosen.seed,
    findingsDir: chosen.findings ?? join(dir, "findings"),
    onProgress: (r) => {
      const step = Math.floor((r.flows * 10) / chosen.flows);
      if (step > shown) {
        shown = step;
        process.stderr.write(
          `  … ${r.flows} flows, ${r.findings} findings, ${r.harnessErrors} harness errors\n`,
        );
      }
    },
  });
  const code = stressExitCode(report);
  if (chosen.json) process.stdout.write(`${JSON.stringify({ ...report, exitCode: code })}\n`);
  say(`${line(report)}\n`);
  for (const message of report.messages) say(`  ${message}\n`);
  for (const path of report.saved) say(`  saved: ${path}\n`);
  say(`exit ${code}\n`);
  return code;
}

process.exitCode = await main();
