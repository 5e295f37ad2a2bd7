// The cthelper host adds no behaviour of its own (a pass-through TFTP plugin of ours holds
// every TFTP property, and a planted bug in it is caught), Debian's four plugins load and
// answer the hello, options a plugin cannot take are refused, and no host is left running.

import { execFileSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Flow } from "../../helpers/core/model.ts";
import { subjectFor } from "../../properties/core/subject.ts";
import { tftpProperties } from "../../properties/tftp/index.ts";
import { checkProperty } from "../runner.ts";
import { UsageError } from "../usage.ts";
import {
  buildHost,
  DEBIAN_PLUGIN_NAMES,
  NotRunnable,
  openCthelperTarget,
  PASS_THROUGH_TFTP,
} from "./cthelper-target.ts";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const differential = tftpProperties.find((p) => p.name === "differential")!;

describe("cthelper target", () => {
  it("builds the host and the pass-through plugin", () => {
    const host = buildHost();
    accessSync(host, constants.X_OK);
    accessSync(PASS_THROUGH_TFTP, constants.R_OK);
  });

  it("the pass-through TFTP plugin holds every TFTP property (the host adds nothing)", async () => {
    buildHost();
    const target = openCthelperTarget(PASS_THROUGH_TFTP);
    try {
      for (const property of tftpProperties) {
        const runs = property === differential ? 3000 : 500;
        const result = checkProperty(property, subjectFor("tftp", target), {
          numRuns: runs,
          seed: 1,
        });
        if (result.skipped !== undefined) continue; // no trace: max-live-expectations
        expect(result.failure?.message, property.name).toBeUndefined();
        expect(result.runs).toBe(runs);
      }
    } finally {
      await target.close();
    }
  }, 300_000);

  it("catches a planted bug in the plugin (expectation one port off)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "helperfuzz-cthelper-"));
    const planted = join(dir, "planted-tftp.so");
    execFileSync("gcc", [
      "-O2",
      "-shared",
      "-fPIC",
      "-DPLANTED_BUG",
      "-o",
      planted,
      resolve(import.meta.dirname, "../../cthelper/test-tftp.c"),
      "-lnetfilter_conntrack",
      "-lnetfilter_queue",
    ]);
    const target = openCthelperTarget(planted);
    try {
      const result = checkProperty(differential, subjectFor("tftp", target), {
        numRuns: 3000,
        seed: 1,
      });
      expect(result.failure?.message).toMatch(/expectation/i);
    } finally {
      await target.close();
    }
  }, 300_000);

  for (const name of DEBIAN_PLUGIN_NAMES) {
    it(`Debian's ${name} plugin loads and answers the hello; its host ends with close()`, async () => {
      const target = openCthelperTarget(name);
      const pid = target.pid;
      expect(target.helpers()).toEqual([name]);
      expect(pid).not.toBeNull();
      await target.close();
      expect(alive(pid!)).toBe(false);
    }, 60_000);
  }

  it("refuses ftp loose=true as not runnable instead of running it with loose off", async () => {
    const target = openCthelperTarget("ftp");
    const flow: Flow = {
      helper: "ftp",
      l4: "tcp",
      client: { addr: "198.18.0.1", port: 40000 },
      server: { addr: "198.19.0.2", port: 21 },
      config: { loose: true },
      segments: [{ dir: "orig", data: new TextEncoder().encode("PORT 198,18,0,1,4,1\r\n") }],
    };
    try {
      expect(() => target.run(flow)).toThrow(NotRunnable);
      expect(target.notRunnable(flow)).toMatch(/loose=true/);
      expect(target.refused.size).toBe(1);
      const outcome = target.run({ ...flow, config: { loose: false } });
      expect(outcome.segments).toHaveLength(1);
    } finally {
      await target.close();
    }
  }, 60_000);

  it("replays a case on which the plugin corrupts the host: a finding, no stack trace", () => {
    // conntrack-tools 1.4.7 amanda under NAT rewrites the second port at a stale offset.
    const dir = mkdtempSync(join(tmpdir(), "helperfuzz-cthelper-"));
    const file = join(dir, "amanda-crash.json");
    const flow = {
      helper: "amanda",
      l4: "udp",
      client: { addr: "198.18.0.0", port: 1 },
      server: { addr: "198.19.0.0", port: 10080 },
      nat: { client: { addr: "192.0.2.0" } },
      segments: [{ dir: "reply", text: "CONNECT DATA 001 MESG 10\n" }],
    };
    const found = { seed: 1, path: "0", target: "cthelper:amanda", property: "never-throws" };
    writeFileSync(file, JSON.stringify({ name: "crash", property: "never-throws", flow, found }));
    const cli = resolve(import.meta.dirname, "../../bin/helperfuzz.mjs");
    let status = 0;
    let stdout = "";
    let stderr = "";
    try {
      execFileSync("node", [cli, "replay", file], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      ({ status, stdout, stderr } = error as { status: number; stdout: string; stderr: string });
    }
    expect(status).toBe(1);
    expect(stdout).toMatch(/still fails on cthelper:amanda: .*corrupted the packet buffer/);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("names a missing plugin as a usage error", () => {
    expect(() => openCthelperTarget("no-such-plugin.so")).toThrow(UsageError);
    expect(() => openCthelperTarget("")).toThrow(UsageError);
    expect(() => openCthelperTarget("no-such-plugin.so+memcheck")).toThrow(/no such plugin file/);
    expect(() => openCthelperTarget("+memcheck")).toThrow(/needs a plugin/);
  });
});
