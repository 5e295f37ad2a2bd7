// `cthelper:…+memcheck`: valgrind's text read into a finding, whose fault each ending is, and,
// with valgrind installed, the live proofs: the pass-through TFTP plugin holds every TFTP
// property under memcheck with 0 findings (the host frees what it allocates for a flow and
// reads nothing it should not), planted memory bugs in it (a read past the packet, a leak)
// are findings on their flow, shrunk, and Debian's plugins show the memory errors they have.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Flow } from "../../helpers/core/model.ts";
import { subjectFor } from "../../properties/core/subject.ts";
import { tftpProperties } from "../../properties/tftp/index.ts";
import { checkProperty } from "../runner.ts";
import { HarnessError, UsageError } from "../usage.ts";
import { buildHost, openCthelperTarget, PASS_THROUGH_TFTP } from "./cthelper-target.ts";
import {
  describeMemoryErrors,
  MEMCHECK_EXIT,
  MEMCHECK_LEAK_RULE,
  MEMCHECK_SLOWDOWN,
  Memcheck,
  memcheckErrors,
  memcheckOptions,
  requireValgrind,
  splitMemcheck,
  stackSummary,
  valgrindVersion,
} from "./memcheck.ts";
import { TargetMisbehaviour } from "./misbehaviour.ts";

/** Valgrind's log of a read past the packet (as the host's guard names the tail room). */
const READ_PAST_LOG = `**4242** helperfuzz-memcheck: plugin loaded; what follows belongs to flows
==4242== Invalid read of size 1
==4242==    at 0x4847782: strlen (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)
==4242==    by 0x4853210: tftp_cb (test-tftp.c:63)
==4242==    by 0x10AFDE: run_flow (host.c:805)
==4242==    by 0x10AFDE: main (host.c:924)
==4242==  Address 0x4a9d12e is 0 bytes inside a tail room past the packet (pktb_alloc's extra) of size 256 client-defined
==4242==    at 0x10C245: guard_tail.part.0 (host.c:115)
==4242==    by 0x10AFBF: run_flow (host.c:803)
==4242== 
`;

const LEAK_LOG = `==77== 12 bytes in 1 blocks are definitely lost in loss record 3 of 9
==77==    at 0x48465EF: calloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)
==77==    by 0x4E8B478: ??? (in /usr/lib/x86_64-linux-gnu/conntrack-tools/ct_helper_amanda.so)
==77==    by 0x10AFDE: run_flow (host.c:805)
==77== 
**77** helperfuzz-memcheck: plugin loaded; what follows belongs to flows
==77== 276 (+276) bytes in 1 (+1) blocks are definitely lost in loss record 72 of 76
==77==    at 0x48465EF: calloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)
==77==    by 0x4E8B478: ??? (in /usr/lib/x86_64-linux-gnu/conntrack-tools/ct_helper_amanda.so)
==77==    by 0x10AFDE: run_flow (host.c:805)
==77==    by 0x10AFDE: main (host.c:924)
==77== 
`;

/** A pid no process has (above the kernel's pid_max). */
const DEAD_PID = 4_194_305;

describe("memcheck: valgrind's log read into a finding", () => {
  it("splits the +memcheck suffix off the plugin", () => {
    expect(splitMemcheck("amanda+memcheck")).toEqual({ plugin: "amanda", memcheck: true });
    expect(splitMemcheck("./x.so+memcheck")).toEqual({ plugin: "./x.so", memcheck: true });
    expect(splitMemcheck("ftp")).toEqual({ plugin: "ftp", memcheck: false });
  });

  it("scales the flow limits, gives valgrind time to start, and waits out its warm-up", () => {
    const options = memcheckOptions({}, 2000);
    expect(options.flowTimeoutMs).toBe(2000 * MEMCHECK_SLOWDOWN);
    expect(options.confirmTimeoutMs).toBeUndefined(); // the process target's 2 × flow
    expect(options.helloTimeoutMs).toBeGreaterThanOrEqual(60_000);
    expect(options.leakRule).toBe(MEMCHECK_LEAK_RULE);
    const given = memcheckOptions({ flowTimeoutMs: 100, confirmTimeoutMs: 300 }, 2000);
    expect(given.flowTimeoutMs).toBe(100 * MEMCHECK_SLOWDOWN);
    expect(given.confirmTimeoutMs).toBe(300 * MEMCHECK_SLOWDOWN);
  });

  it("reads the error blocks after the loaded mark, without pids, loss record numbers or the host's naming of the tail room", () => {
    const errors = memcheckErrors(READ_PAST_LOG);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.what).toBe("Invalid read of size 1");
    expect(errors[0]?.lines.join("\n")).not.toMatch(/4242|guard_tail/);
    expect(errors[0]?.lines.at(-1)).toMatch(/inside a tail room past the packet/);
    expect(stackSummary(errors[0]!)).toBe("strlen < tftp_cb");

    const leaks = memcheckErrors(LEAK_LOG);
    expect(leaks.map((e) => e.what)).toEqual([
      "276 (+276) bytes in 1 (+1) blocks are definitely lost",
    ]);
    expect(stackSummary(leaks[0]!)).toBe("calloc < ct_helper_amanda.so");
  });

  it("says the first error and its stack on the first line, valgrind's text below", () => {
    const text = describeMemoryErrors(memcheckErrors(READ_PAST_LOG), "cthelper-host: memcheck: 1");
    const lines = text.split("\n");
    expect(lines[0]).toBe("Invalid read of size 1: strlen < tftp_cb");
    expect(lines[1]).toBe("valgrind memcheck:");
    expect(text).toMatch(/tftp_cb \(test-tftp\.c:63\)/);
    expect(lines.at(-1)).toBe("cthelper-host: memcheck: 1");
  });

  describe("whose fault each ending of the host under valgrind is", () => {
    let memcheck: Memcheck;
    beforeAll(() => {
      memcheck = new Memcheck();
    });
    afterAll(() => memcheck.close());
    const exited = (detail: string) => new TargetMisbehaviour("exited", detail);

    it("an exit with memcheck's errors in the log is a memory error, and the log is taken", () => {
      const log = join(memcheck.logDir, `memcheck.${DEAD_PID}.log`);
      writeFileSync(log, READ_PAST_LOG);
      const explained = memcheck.explain(
        exited(
          `exit code ${MEMCHECK_EXIT} before answering request 3; its stderr ends: cthelper-host: memcheck: 1 memory errors and 0 bytes lost in the flow of request 3 (the stacks are in valgrind's log)`,
        ),
      );
      expect(explained).toBeInstanceOf(TargetMisbehaviour);
      expect((explained as TargetMisbehaviour).kind).toBe("memory error");
      expect(explained.message).toMatch(
        /^target misbehaved: memory error: Invalid read of size 1: strlen < tftp_cb\n/,
      );
      expect(existsSync(log)).toBe(false);
    });

    it("a crash whose log holds memory errors is a memory error", () => {
      writeFileSync(join(memcheck.logDir, `memcheck.${DEAD_PID}.log`), LEAK_LOG);
      const explained = memcheck.explain(exited("killed by SIGSEGV before answering request 1"));
      expect((explained as TargetMisbehaviour).kind).toBe("memory error");
    });

    it("a crash without memory errors stays what it was", () => {
      writeFileSync(
        join(memcheck.logDir, `memcheck.${DEAD_PID}.log`),
        `**9** helperfuzz-memcheck: plugin loaded\n==9== \n==9== Process terminating with default action of signal 6 (SIGABRT)\n==9==    at 0x1: raise (in libc.so.6)\n`,
      );
      const crash = exited("killed by SIGABRT before answering request 1");
      expect(memcheck.explain(crash)).toBe(crash);
    });

    it("valgrind failing in itself, or not starting the host, is the harness's", () => {
      writeFileSync(
        join(memcheck.logDir, `memcheck.${DEAD_PID}.log`),
        "==5== Valgrind's memory management: out of memory:\n",
      );
      expect(memcheck.explain(exited("exit code 1 before answering request 9"))).toBeInstanceOf(
        HarnessError,
      );
      const start = new TargetMisbehaviour("failed the hello (exited)", "exit code 1");
      expect(memcheck.explain(start)).toBeInstanceOf(HarnessError);
    });

    it("removes its log folder on close", () => {
      const other = new Memcheck();
      expect(existsSync(other.logDir)).toBe(true);
      other.close();
      expect(existsSync(other.logDir)).toBe(false);
    });
  });

  it("refuses +memcheck without valgrind as bad set-up, naming the package", () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      expect(() => requireValgrind("ftp+memcheck")).toThrow(UsageError);
      expect(() => requireValgrind("ftp+memcheck")).toThrow(/Debian package valgrind/);
    } finally {
      process.env.PATH = path;
    }
  });
});

const version = valgrindVersion();
const live = version === undefined ? "(skipped: valgrind is not installed)" : `(${version})`;
const differential = tftpProperties.find((p) => p.name === "differential")!;

describe.skipIf(version === undefined)(`cthelper targets under memcheck ${live}`, () => {
  let dir: string;
  const planted = (flag: string) => join(dir, `${flag}.so`);

  beforeAll(() => {
    buildHost();
    dir = mkdtempSync(join(tmpdir(), "helperfuzz-memcheck-test-"));
    for (const flag of ["PLANTED_READ_PAST_END", "PLANTED_LEAK", "PLANTED_USE_AFTER_FREE"]) {
      execFileSync("gcc", [
        ...["-O2", "-g", "-shared", "-fPIC", `-D${flag}`, "-o", planted(flag)],
        resolve(import.meta.dirname, "../../cthelper/test-tftp.c"),
        ...["-lnetfilter_conntrack", "-lnetfilter_queue"],
      ]);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the pass-through TFTP plugin holds every TFTP property under memcheck: 0 findings, no restart", async () => {
    const target = openCthelperTarget(`${PASS_THROUGH_TFTP}+memcheck`);
    const pid = target.pid;
    try {
      for (const property of tftpProperties) {
        const runs = property === differential ? 1500 : 300;
        const result = checkProperty(property, subjectFor("tftp", target), {
          numRuns: runs,
          seed: 2,
        });
        if (result.skipped !== undefined) continue; // no trace: max-live-expectations
        expect(result.failure?.message, property.name).toBeUndefined();
        expect(result.harnessError, property.name).toBeUndefined();
        expect(result.runs).toBe(runs);
      }
      expect(target.pid).toBe(pid);
    } finally {
      await target.close();
    }
    expect(alive(pid!)).toBe(false);
  }, 300_000);

  it("a read past the packet is a finding on its flow, shrunk to the 2-byte request", async () => {
    const target = openCthelperTarget(`${planted("PLANTED_READ_PAST_END")}+memcheck`);
    try {
      const result = checkProperty(differential, subjectFor("tftp", target), {
        numRuns: 1000,
        seed: 1,
      });
      const failure = result.failure!;
      expect(failure.message).toMatch(
        /^target misbehaved: memory error: Invalid read of size 1: strlen < tftp_cb\n/,
      );
      expect(failure.message).toMatch(/inside a tail room past the packet/);
      expect(failure.shrinks).toBeGreaterThan(0);
      expect(failure.flow.segments.map((s) => [...s.data])).toEqual([[0, 1]]);
      // It reproduces: the same flow again is the same finding.
      expect(() => target.run(failure.flow)).toThrow(/memory error: Invalid read of size 1/);
      // And a request with its NUL is fine on the restarted host.
      expect(target.run(request(0x01, "f\0octet\0")).segments).toHaveLength(1);
    } finally {
      await target.close();
    }
  }, 300_000);

  it("a leak is a finding on its flow, shrunk to a write request", async () => {
    const target = openCthelperTarget(`${planted("PLANTED_LEAK")}+memcheck`);
    try {
      const result = checkProperty(differential, subjectFor("tftp", target), {
        numRuns: 1000,
        seed: 1,
      });
      const failure = result.failure!;
      expect(failure.message).toMatch(
        /^target misbehaved: memory error: \d+ \(\+\d+\) bytes in 1 \(\+1\) blocks are definitely lost: calloc < tftp_cb\n/,
      );
      expect(failure.shrinks).toBeGreaterThan(0);
      expect(failure.flow.segments.length).toBeLessThanOrEqual(2);
      expect(failure.flow.segments.some((s) => s.data[0] === 0 && s.data[1] === 2)).toBe(true);
      // A read request does not leak.
      expect(target.run(request(0x01, "f\0octet\0")).segments).toHaveLength(1);
    } finally {
      await target.close();
    }
  }, 300_000);

  it("a use after free is a finding on its flow; other flows stay fine", async () => {
    const target = openCthelperTarget(`${planted("PLANTED_USE_AFTER_FREE")}+memcheck`);
    try {
      expect(target.run(request(0x02, "f\0octet\0")).expectations).toHaveLength(1);
      expect(() => target.run(request(0x01, "f\0octet\0"))).toThrow(
        /memory error: Invalid read of size \d+: [^\n]*< cthelper_add_expect < tftp_cb[\s\S]*inside a block of size \d+ free'd/,
      );
      expect(target.run(request(0x02, "g\0octet\0")).expectations).toHaveLength(1);
    } finally {
      await target.close();
    }
  }, 120_000);

  describe("Debian's plugins (conntrack-tools 1.4.7)", () => {
    const amanda = (nat: boolean, text: string): Flow => ({
      helper: "amanda",
      l4: "udp",
      client: { addr: "198.18.0.0", port: 1 },
      server: { addr: "198.19.0.0", port: 10080 },
      ...(nat ? { nat: { client: { addr: "192.0.2.0" } } } : {}),
      segments: [{ dir: "reply", data: new TextEncoder().encode(text) }],
    });

    it("tftp reads the opcode of an empty datagram past the packet", async () => {
      const target = openCthelperTarget("tftp+memcheck");
      try {
        const empty: Flow = {
          ...request(1, ""),
          segments: [{ dir: "orig", data: new Uint8Array() }],
        };
        expect(() => target.run(empty)).toThrow(
          /memory error: Invalid read of size 2: ct_helper_tftp\.so\n[\s\S]*tail room past the packet/,
        );
      } finally {
        await target.close();
      }
    }, 120_000);

    it("amanda leaks the expectation of an earlier port on a line with two", async () => {
      const target = openCthelperTarget("amanda+memcheck");
      try {
        expect(target.run(amanda(false, "CONNECT DATA 1000\n")).expectations).toHaveLength(1);
        expect(() => target.run(amanda(false, "CONNECT DATA 01 INDEX 1\n"))).toThrow(
          /memory error: \d+ \(\+\d+\) bytes in 1 \(\+1\) blocks are definitely lost: calloc < ct_helper_amanda\.so/,
        );
      } finally {
        await target.close();
      }
    }, 120_000);

    it("amanda under NAT rewrites a second port at a stale offset: memmove reads past the buffer", async () => {
      const target = openCthelperTarget("amanda+memcheck");
      try {
        expect(() => target.run(amanda(true, "CONNECT DATA 001 MESG 10\n"))).toThrow(
          /memory error: Invalid read of size 1: memmove < pktb_mangle < nfq_ip_mangle < nfq_udp_mangle_ipv4 < ct_helper_amanda\.so/,
        );
      } finally {
        await target.close();
      }
    }, 120_000);
  });
});

function request(opcode: number, rest: string): Flow {
  return {
    helper: "tftp",
    l4: "udp",
    client: { addr: "198.18.0.1", port: 1024 },
    server: { addr: "198.19.0.1", port: 69 },
    segments: [
      { dir: "orig", data: new Uint8Array([0, opcode, ...new TextEncoder().encode(rest)]) },
    ],
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
