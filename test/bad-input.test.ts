// Bad input to the tool, table-driven: every command, every kind of bad input issue 10
// names. Each row is an argv for `node bin/helperfuzz.mjs`; each must exit 2 with a message
// on stderr that names the problem, and print no stack trace. The rows run as real
// processes, two at a time, each with a timeout; none of them needs the kernel (conform
// refuses its flags before it looks for the kernel target).

import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCase } from "../harness/corpus.ts";
import { flowToFrames, flowToPcap } from "../harness/pcap/flow-to-pcap.ts";
import { pcapngCapture } from "../harness/pcap/test-captures.ts";

const repo = join(import.meta.dirname, "..");
const bin = join(repo, "bin", "helperfuzz.mjs");
const ROW_TIMEOUT_MS = 90_000;
const CONCURRENCY = 2;

// ---------------------------------------------------------------------------------------
// Fixtures, in a temp dir another user can enter (the EACCES rows run as `nobody`).

const tmp = mkdtempSync(join(tmpdir(), "hf-bad-input-"));
chmodSync(tmp, 0o755);
afterAll(() => {
  chmodSync(join(tmp, "locked"), 0o700);
  rmSync(tmp, { recursive: true, force: true });
});
const at = (name: string) => join(tmp, name);
const goodCase = join(repo, "corpus", "ftp", "f02-port-tracked.json");
const goodModule = `module:${join(repo, "examples", "ts-module", "ftp-port-helper.ts")}`;
const goodCaseJson = JSON.parse(readFileSync(goodCase, "utf8"));
const { flow } = loadCase(goodCase);
const capture = flowToPcap(flow);

function file(name: string, content: string | Uint8Array): string {
  writeFileSync(at(name), content);
  return at(name);
}
function caseWith(name: string, change: (c: typeof goodCaseJson) => void): string {
  const copy = structuredClone(goodCaseJson);
  change(copy);
  return file(name, JSON.stringify(copy));
}
/** Bytes that are neither JSON nor a capture, and that a terminal would choke on. */
const binary = Uint8Array.from({ length: 256 }, (_, i) => (i * 37 + 11) & 0xff);

mkdirSync(at("folder"));
const pcapFile = file("good.pcap", capture);
const files = {
  truncatedPcap: file("truncated.pcap", capture.subarray(0, 24 + 16 + 20)),
  headerOnlyPcap: file("header-only.pcap", capture.subarray(0, 24)),
  shortPcap: file("short.pcap", capture.subarray(0, 10)),
  emptyPcap: file("empty.pcap", ""),
  garbagePcap: file("garbage.pcap", "this is not a capture, only text\n".repeat(4)),
  binaryPcap: file("binary.pcap", binary),
  versionPcap: file(
    "version.pcap",
    Uint8Array.from([...capture.subarray(0, 4), 9, 0, ...capture.subarray(6)]),
  ),
  truncatedPcapng: file(
    "truncated.pcapng",
    pcapngCapture(flowToFrames(flow)).subarray(0, 28 + 20 + 16 + 30),
  ),
  emptyJson: file("empty.json", ""),
  truncatedJson: file("truncated.json", JSON.stringify(goodCaseJson).slice(0, 300)),
  binaryJson: file("binary.json", binary),
  arrayJson: file("array.json", "[1, 2, 3]"),
  objectJson: file("object.json", "{}"),
  unknownField: caseWith("unknown-field.json", (c) => {
    c.flow.segmnts = [];
  }),
  badDir: caseWith("bad-dir.json", (c) => {
    c.flow.segments[0].dir = "sideways";
  }),
  badAddr: caseWith("bad-addr.json", (c) => {
    c.flow.client.addr = "10.0.0.300";
  }),
  badPort: caseWith("bad-port.json", (c) => {
    c.flow.server.port = 70000;
  }),
  badBase64: caseWith("bad-base64.json", (c) => {
    c.flow.segments[0] = { dir: "reply", seq: 0, base64: "%%%not base64%%%" };
  }),
  unknownHelper: caseWith("unknown-helper.json", (c) => {
    c.flow.helper = "gopher";
  }),
  noSegments: caseWith("no-name.json", (c) => {
    delete c.name;
  }),
  plainFile: file("plain-file", "not a folder\n"),
  syntaxModule: file("syntax.ts", "export const x = ;\n"),
  emptyModule: file("empty.mjs", "export const nothing = 1;\n"),
  garbageBaseline: file("baseline.json", "{ not a baseline"),
  wrongBaseline: file("wrong-baseline.json", JSON.stringify({ version: 99 })),
};
/** A shard's JSON report as `--report json=` writes it, with no results. */
function shardReport(
  name: string,
  index: number,
  seed: number,
  change = (_r: Record<string, unknown>) => {},
) {
  const report = {
    schema: "helperfuzz-campaign-report",
    version: 1,
    command: "run",
    plan: {
      helpers: ["ftp"],
      properties: null,
      target: "builtin",
      targetOptions: null,
      reference: "spec",
      seed,
      runs: 1000,
      timeSeconds: null,
      findingsDir: "findings",
      shard: { index, count: 2 },
      replaySaved: true,
    },
    workers: 1,
    startedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 1,
    flows: 0,
    flowsPerSecond: 0,
    targetStarts: null,
    harnessError: null,
    exitCode: 0,
    totals: {},
    again: "",
    results: [],
  };
  change(report);
  return file(name, JSON.stringify(report));
}
const reports = {
  first: shardReport("shard-1.json", 1, 7),
  firstAgain: shardReport("shard-1-again.json", 1, 7),
  otherSeed: shardReport("shard-2-seed-8.json", 2, 8),
  version2: shardReport("version-2.json", 2, 7, (r) => {
    r.version = 2;
  }),
  noResults: shardReport("no-results.json", 2, 7, (r) => {
    r.results = 5;
  }),
};
const folder = at("folder");
const missing = at("does-not-exist.json");
const missingPcap = at("does-not-exist.pcap");
// Another user's view (nobody's, when the tests run as root): a folder it cannot enter, and
// one it can read but not write.
mkdirSync(at("locked"));
chmodSync(at("locked"), 0o000);
mkdirSync(at("read-only"));
chmodSync(at("read-only"), 0o555);

// ---------------------------------------------------------------------------------------
// The table.

interface Row {
  command: string;
  kind: string;
  argv: string[];
  stderr: RegExp;
  /** Run as another user (nobody), for a folder that is only another user's to write. */
  asOtherUser?: boolean;
}

const rows: Row[] = [];
function add(command: string, kind: string, list: [string[], RegExp, boolean?][]): void {
  for (const [argv, stderr, asOtherUser] of list)
    rows.push({ command, kind, argv, stderr, asOtherUser });
}

const badNumbers: [string, RegExp][] = [
  ["abc", /--runs needs a whole number from 1 to 9007199254740991, got "abc"/],
  ["0", /--runs takes a whole number from 1 .*got 0 \(out of range\)/],
  ["-1", /--runs takes a whole number from 1 .*got -1/],
  ["1.5", /--runs needs a whole number .*got "1\.5"/],
  ["1e3", /--runs needs a whole number .*got "1e3"/],
  ["99999999999999999999", /--runs takes a whole number from 1 to 9007199254740991/],
  ["", /--runs needs a whole number .*got ""/],
];
const TIME_NEEDS =
  "--time needs a positive number of seconds or a duration with units \\(90s, 10m, 1h30m\\)";
const badTimes: [string, RegExp][] = [
  ["abc", new RegExp(`${TIME_NEEDS}, got "abc"`)],
  ["0", new RegExp(`${TIME_NEEDS}, got "0"`)],
  ["-3", new RegExp(`${TIME_NEEDS}, got "-3"`)],
  ["Infinity", new RegExp(`${TIME_NEEDS}, got "Infinity"`)],
  ["0s", new RegExp(`${TIME_NEEDS}, got "0s"`)],
  ["10 minutes", new RegExp(`${TIME_NEEDS}, got "10 minutes"`)],
  ["5x", new RegExp(`${TIME_NEEDS}, got "5x"`)],
];
/** The flags of every campaign (run, check) and their bad values. */
const badCampaignFlags: [string[], RegExp][] = [
  [["--workers", "0"], /--workers takes a whole number from 1 to 256, got 0 \(out of range\)/],
  [["--workers", "two"], /--workers needs a whole number from 1 to 256, got "two"/],
  [["--workers", "1000"], /--workers takes a whole number from 1 to 256, got 1000/],
  [["--shard", "0/4"], /--shard needs i\/n with 1 <= i <= n, e\.g\. 2\/4, got "0\/4"/],
  [["--shard", "5/4"], /--shard needs i\/n with 1 <= i <= n.*got "5\/4"/],
  [["--shard", "2"], /--shard needs i\/n.*got "2"/],
  [["--shard", "a/b"], /--shard needs i\/n.*got "a\/b"/],
  [["--shard", "1/0"], /--shard needs i\/n.*got "1\/0"/],
  [
    ["--report", "xml=out.xml"],
    /--report needs KIND=FILE with KIND one of json, junit, markdown, e\.g\. --report json=report\.json, got "xml=out\.xml"/,
  ],
  [["--report", "json"], /--report needs KIND=FILE .*got "json"/],
  [["--report", "json="], /--report needs KIND=FILE .*got "json="/],
  [
    ["--report", "json=/no/such/folder/r.json"],
    /--report json=\/no\/such\/folder\/r\.json: the folder \/no\/such\/folder does not exist/,
  ],
  [["--report", "junit=/tmp"], /--report junit=\/tmp is a folder, not a file/],
];
const badSeeds: [string, RegExp][] = [
  ["abc", /--seed needs a whole number from -2147483648 to 2147483647, got "abc"/],
  ["1e30", /--seed needs a whole number .*got "1e30"/],
  ["99999999999999999999", /--seed takes a whole number from -2147483648 to 2147483647/],
  ["2147483648", /--seed takes .* got 2147483648 \(out of range\)/],
  ["-2147483649", /--seed takes .* got -2147483649 \(out of range\)/],
  ["1.5", /--seed needs a whole number .*got "1\.5"/],
  ["0x10", /--seed needs a whole number .*got "0x10"/],
];
/** The findings folders no command may accept. */
const badFindings: [string, RegExp, boolean?][] = [
  ["/sys/nope", /--findings \/sys\/nope: .*\/sys holds the kernel's state/],
  ["/proc/nope", /--findings \/proc\/nope: .*\/proc holds the kernel's state/],
  [files.plainFile, /plain-file is a file, not a folder/],
  [join(files.plainFile, "sub"), /not a folder \(ENOTDIR\)/],
  [join(at("locked"), "findings"), /locked.*permission denied \(EACCES\)/, true],
  [at("read-only"), /cannot create a file in .*read-only: permission denied \(EACCES\)/, true],
  [join(at("read-only"), "f"), /cannot create .*read-only\/f: permission denied \(EACCES\)/, true],
];

// run
add("run", "unknown flag", [
  [["run", "--nope"], /unknown option '--nope'/],
  [["run", "ftp", "--property=differential", "--ruls", "3"], /unknown option '--ruls'/],
]);
add("run", "unknown helper", [
  [
    ["run", "gopher"],
    /unknown helper "gopher" \(known: ftp, irc, tftp, amanda, sane, sip, talk, pptp, netbios-ns, snmp, snmp-trap\)/,
  ],
  // --property takes one name: ftp stays a helper, nosuch is one too (and is unknown).
  [["run", "--property", "differential", "nosuch"], /unknown helper "nosuch"/],
]);
add(
  "run",
  "bad number",
  badNumbers.map(([v, re]) => [["run", "ftp", "--runs", v], re]),
);
add(
  "run",
  "bad time",
  badTimes.map(([v, re]) => [["run", "ftp", "--time", v], re]),
);
add(
  "run",
  "bad seed",
  badSeeds.map(([v, re]) => [["run", "ftp", "--seed", v], re]),
);
add(
  "run",
  "bad campaign flag",
  badCampaignFlags.map(([flag, re]) => [["run", "ftp", ...flag], re]),
);
add("run", "unknown property", [
  [
    ["run", "--property", "nosuch"],
    /unknown property "nosuch" for ftp, irc, tftp, amanda, sane, sip, talk, pptp, netbios-ns, snmp, snmp-trap \(known: never-throws/,
  ],
  [["run", "ftp", "--property", "differential,nosuch"], /unknown property "nosuch" for ftp/],
  [
    ["run", "tftp", "--property", "forged-dcc-never-expects"],
    /unknown property "forged-dcc-never-expects" for tftp/,
  ],
  [["run", "ftp", "--skip-property", "nosuch"], /unknown property "nosuch"/],
  [
    ["run", "ftp", "--property", ""],
    /--property needs a name, got "" \(repeat the flag or give a comma list/,
  ],
  [["run", "ftp", "--property", "a,,b"], /--property needs a name, got "a,,b"/],
  [["run", "ftp", "--property"], /option '--property <name>' argument missing/],
  [
    ["run", "ftp", "--property", "differential", "--skip-property", "never-throws"],
    /--property and --skip-property exclude each other/,
  ],
]);
add("run", "unknown target", [
  [["run", "--target", "bogus"], /unknown target "bogus" for this command \(use builtin or spec/],
  [
    ["run", "--target", goodModule],
    /unknown target "module:.*use builtin or spec; your own module: or cmd: target goes to check/,
  ],
  [["run", "--target", "cmd:/bin/true"], /unknown target "cmd:\/bin\/true"/],
]);
add(
  "run",
  "unwritable findings folder",
  badFindings.map(([dir, re, other]) => [
    ["run", "ftp", "--runs", "5", "--findings", dir],
    re,
    other,
  ]),
);

// check
add("check", "unknown flag", [
  [["check", "--target", goodModule, "--nope"], /unknown option '--nope'/],
  [["check", "ftp"], /required option '--target <target>' not specified/],
]);
add("check", "unknown target", [
  [
    ["check", "--target", "bogus"],
    /unknown target "bogus" \(use builtin, spec, module:PATH, cmd:COMMAND or cthelper:NAME\|PATH\.so\)/,
  ],
  [["check", "--target", "module:"], /module: needs a path/],
  [["check", "--target", "cmd:"], /cmd: needs a command/],
  [["check", "--target", "cmd:   "], /cmd: needs a command/],
]);
add("check", "bad module: target", [
  [["check", "--target", `module:${missing}`], /does-not-exist\.json: no such file/],
  [["check", "--target", `module:${folder}`], /module:.*folder: the module failed to load/],
  [["check", "--target", `module:${files.syntaxModule}`], /syntax\.ts: the module failed to load/],
  [
    ["check", "--target", `module:${files.emptyModule}`],
    /empty\.mjs exports neither a HelperDefinition .* nor run\(flow\)/,
  ],
]);
add("check", "bad cmd: target", [
  [
    ["check", "--target", "cmd:/nonexistent-program"],
    /cmd:\/nonexistent-program: could not be started: .*ENOENT/,
  ],
  [["check", "--target", `cmd:${folder}`], /folder: could not be started/],
  [["check", "--target", "cmd:a | b"], /cmd: runs one program without a shell; "\|" needs one/],
  [["check", "--target", "cmd:/bin/true"], /cmd:\/bin\/true: failed the hello/],
]);
add("check", "unknown helper", [
  [
    ["check", "--target", goodModule, "gopher"],
    /no properties for helper "gopher" \(known: ftp, irc, tftp, amanda, sane, sip, talk, pptp, netbios-ns, snmp, snmp-trap\)/,
  ],
  [["check", "--target", goodModule, "irc"], /does not implement "irc" \(it implements: ftp\)/],
]);
add("check", "unknown property", [
  [
    ["check", "--target", goodModule, "ftp", "--property", "nosuch"],
    /unknown property "nosuch" for ftp \(known: never-throws/,
  ],
  [
    ["check", "--target", goodModule, "--property", "forged-dcc-never-expects"],
    /unknown property "forged-dcc-never-expects" for ftp \(known/,
  ],
  [
    ["check", "--target", goodModule, "ftp", "--skip-property", "differential,nosuch"],
    /unknown property "nosuch"/,
  ],
  [
    [
      "check",
      "--target",
      goodModule,
      "--property",
      "differential",
      "--skip-property",
      "differential",
    ],
    /--property and --skip-property exclude each other/,
  ],
  [["check", "--target", goodModule, "--property", ","], /--property needs a name/],
]);
add("check", "bad number", [
  [["check", "--target", goodModule, "--runs", "abc"], /--runs needs a whole number .*"abc"/],
  [["check", "--target", goodModule, "--runs", "-1"], /--runs takes a whole number from 1/],
  [["check", "--target", goodModule, "--time", "abc"], /--time needs a positive number of seconds/],
  ...badCampaignFlags.map(([flag, re]): [string[], RegExp] => [
    ["check", "--target", goodModule, ...flag],
    re,
  ]),
  [
    ["check", "--target", goodModule, "--flow-timeout", "abc"],
    /--flow-timeout needs a whole number/,
  ],
  [
    ["check", "--target", goodModule, "--flow-timeout", "0"],
    /--flow-timeout takes a whole number from 1/,
  ],
]);
add("check", "bad seed", [
  [
    ["check", "--target", goodModule, "--seed", "abc"],
    /--seed needs a whole number from -2147483648/,
  ],
  [
    ["check", "--target", goodModule, "--seed", "99999999999999999999"],
    /--seed takes a whole number from -2147483648 to 2147483647/,
  ],
]);
add(
  "check",
  "unwritable findings folder",
  // One of each: kernel tree, file, another user's folder (run has them all).
  [0, 2, 4]
    .map((i) => badFindings[i])
    .map(([dir, re, other]) => [
      ["check", "--target", goodModule, "--runs", "5", "--findings", dir],
      re,
      other,
    ]),
);

// replay: one bad input file per row.
add("replay", "unknown flag", [
  [["replay", goodCase, "--nope"], /unknown option '--nope'/],
  [["replay"], /missing required argument 'file'/],
]);
add("replay", "missing file", [
  [["replay", missing], /does-not-exist\.json: cannot read: ENOENT/],
  [["replay", missingPcap], /cannot read capture .*does-not-exist\.pcap: ENOENT/],
]);
add("replay", "garbage or truncated case file", [
  [["replay", files.emptyJson], /empty\.json: not valid JSON/],
  [["replay", files.truncatedJson], /truncated\.json: not valid JSON/],
  [["replay", files.binaryJson], /binary\.json: not valid JSON/],
  [["replay", files.arrayJson], /array\.json: .*object/],
  [["replay", files.objectJson], /object\.json: .*name/],
  [["replay", files.unknownField], /unknown-field\.json: .*segmnts/],
  [["replay", files.badDir], /bad-dir\.json: flow\.segments\[0\]\.dir must be "orig" or "reply"/],
  [["replay", files.badAddr], /bad-addr\.json: flow\.client\.addr/],
  [["replay", files.badPort], /bad-port\.json: flow\.server\.port/],
  [["replay", files.badBase64], /bad-base64\.json: flow\.segments\[0\]\.base64/],
  [["replay", files.noSegments], /no-name\.json: .*name/],
  [["replay", files.unknownHelper], /unknown helper "gopher"/],
]);
add("replay", "garbage or truncated capture", [
  [["replay", files.truncatedPcap], /truncated/],
  [["replay", files.shortPcap], /truncated pcap file header: 10 of 24 bytes/],
  [["replay", files.emptyPcap], /file of 0 bytes is too short for a capture/],
  [["replay", files.garbagePcap], /bad magic 0x74686973: neither pcap nor pcapng/],
  [["replay", files.binaryPcap], /bad magic .*neither pcap nor pcapng/],
  [["replay", files.versionPcap], /unsupported pcap version 9/],
  [["replay", files.truncatedPcapng], /truncated|block/],
  [["replay", files.headerOnlyPcap], /header-only\.pcap: no conversation on any helper.s port/],
  [["replay", pcapFile, "--helper", "irc"], /good\.pcap: no conversation of irc/],
]);
add("replay", "bad capture options", [
  [["replay", pcapFile, "--helper", "gopher"], /unknown helper "gopher"/],
  [["replay", pcapFile, "--port", "abc"], /--port needs a port number 1-65535, got "abc"/],
  [["replay", pcapFile, "--port", "70000"], /--port needs a port number 1-65535, got "70000"/],
]);
add("replay", "unknown target", [
  [["replay", goodCase, "--target", "bogus"], /unknown target "bogus"/],
  [["replay", goodCase, "--target", `module:${missing}`], /does-not-exist\.json: no such file/],
  [["replay", goodCase, "--target", "cmd:"], /cmd: needs a command/],
  [["replay", goodCase, "--target", "cmd:/nonexistent-program"], /could not be started: .*ENOENT/],
]);

// pcap
const out = at("out.pcap");
add("pcap", "unknown flag", [
  [["pcap", goodCase, "-o", out, "--nope"], /unknown option '--nope'/],
  [["pcap", goodCase], /required option '-o, --output <file>' not specified/],
  [["pcap", "-o", out], /missing required argument 'case'/],
]);
add("pcap", "missing file", [
  [["pcap", missing, "-o", out], /does-not-exist\.json: cannot read: ENOENT/],
]);
add("pcap", "folder where a file is expected", [
  [["pcap", folder, "-o", out], /folder: is a folder, not a case file/],
  [["pcap", goodCase, "-o", folder], /cannot write .*folder: EISDIR/],
  [
    ["pcap", goodCase, "-o", join(at("nowhere"), "x.pcap")],
    /cannot write .*nowhere\/x\.pcap: ENOENT/,
  ],
]);
add("pcap", "capture or garbage as the case", [
  [
    ["pcap", pcapFile, "-o", out],
    /good\.pcap: is a pcap capture, not a case file \(captures are read by replay/,
  ],
  [
    ["pcap", files.truncatedPcapng, "-o", out],
    /truncated\.pcapng: is a pcapng capture, not a case file/,
  ],
  [
    ["pcap", files.binaryJson, "-o", out],
    /binary\.json: not a case file: binary data, not JSON text/,
  ],
  [["pcap", files.truncatedJson, "-o", out], /truncated\.json: not valid JSON/],
  [["pcap", files.badDir, "-o", out], /bad-dir\.json: flow\.segments\[0\]\.dir/],
]);
add("pcap", "unknown target", [
  [
    ["pcap", goodCase, "-o", out, "--target", "bogus"],
    /--target chooses whose outcome the server side shows: give it with --server-side/,
  ],
  [
    ["pcap", goodCase, "-o", out, "--server-side", at("s.pcap"), "--target", "bogus"],
    /unknown target "bogus"/,
  ],
  [
    ["pcap", goodCase, "-o", out, "--server-side", at("s.pcap"), "--target", `module:${missing}`],
    /does-not-exist\.json: no such file/,
  ],
  [
    ["pcap", goodCase, "-o", out, "--server-side", at("s.pcap"), "--target", "cmd:a | b"],
    /cmd: runs one program without a shell/,
  ],
  [
    ["pcap", files.unknownHelper, "-o", out, "--server-side", at("s.pcap")],
    /unknown-helper\.json: .*gopher/,
  ],
]);
add("pcap", "output over an input", [
  [["pcap", files.badDir, "-o", files.badDir], /-o .*bad-dir\.json is the same file as the case/],
  [
    ["pcap", goodCase, "-o", out, "--server-side", out],
    /--server-side .*out\.pcap is the same file as -o/,
  ],
]);

// conform: every row fails on its flags, before the kernel target is looked for.
add("conform", "unknown flag", [
  [["conform", "--property", "differential"], /unknown option '--property'/],
  [["conform", "--nope"], /unknown option '--nope'/],
]);
add("conform", "unknown helper", [
  [
    ["conform", "gopher"],
    /unknown helper "gopher" \(known: ftp, irc, tftp, amanda, sane, sip, talk, pptp, netbios-ns, snmp, snmp-trap\)/,
  ],
]);
add("conform", "bad number", [
  [["conform", "--runs", "abc"], /--runs needs a whole number from 1 .*"abc"/],
  [["conform", "--runs", "-1"], /--runs takes a whole number from 1 .*-1/],
  [["conform", "--runs", "0"], /--runs takes a whole number from 1/],
  [["conform", "--time", "abc"], new RegExp(`${TIME_NEEDS}, got "abc"`)],
  [["conform", "--time", "-1"], new RegExp(`${TIME_NEEDS}, got "-1"`)],
]);
add("conform", "bad seed", [
  [
    ["conform", "--seed", "abc"],
    /--seed needs a whole number from -2147483648 to 2147483647, got "abc"/,
  ],
  [["conform", "--seed", "1e30"], /--seed needs a whole number .*"1e30"/],
  [
    ["conform", "--seed", "99999999999999999999"],
    /--seed takes a whole number from -2147483648 to 2147483647/,
  ],
]);
add(
  "conform",
  "unwritable findings folder",
  [1, 3, 5]
    .map((i) => badFindings[i])
    .map(([dir, re, other]) => [["conform", "--runs", "5", "--findings", dir], re, other]),
);

// bench: every row fails before anything is measured.
add("bench", "unknown flag", [[["bench", "--nope"], /unknown option '--nope'/]]);
add("bench", "unknown helper", [[["bench", "gopher"], /no benchmark suite for helper "gopher"/]]);
add("bench", "unknown workload", [
  [["bench", "ftp", "--workload", "nope"], /unknown workload "nope"/],
]);
add("bench", "bad number", [
  [
    ["bench", "--plant-slowdown", "abc"],
    /--plant-slowdown needs a percentage in \(0, 100\], got "abc"/,
  ],
  [["bench", "--plant-slowdown", "0"], /--plant-slowdown needs a percentage/],
  [["bench", "--plant-slowdown", "200"], /--plant-slowdown needs a percentage/],
]);
add("bench", "bad comparison", [
  [["bench", "--against", "nosuchrev"], /--against nosuchrev: no such commit/],
  [["bench", "--against"], /option '--against <rev>' argument missing/],
  [["bench", "--compare", missing], /--compare FILE was replaced: .*--against REV/],
  [["bench", "--compare", folder], /--compare FILE was replaced/],
  [["bench", "--update-baseline", out], /--update-baseline was removed/],
  [["bench", "ftp", "--rounds", "0"], /--rounds takes a whole number from 1 to \d+, got 0/],
  [["bench", "ftp", "--rounds", "abc"], /--rounds needs a whole number from 1 to \d+, got "abc"/],
]);

// merge: reports that are not the shards of one campaign.
add("merge", "missing or unreadable report", [
  [["merge"], /missing required argument 'report'/],
  [["merge", missing], /does-not-exist\.json: cannot read a JSON report/],
  [["merge", files.truncatedJson], /truncated\.json: cannot read a JSON report/],
  [["merge", files.objectJson], /object\.json: not a helperfuzz campaign report/],
  [
    ["merge", reports.version2],
    /version-2\.json: report version 2; this helperfuzz reads version 1/,
  ],
  [["merge", reports.noResults], /no-results\.json: not a well-formed campaign report/],
]);
add("merge", "not the shards of one campaign", [
  [
    ["merge", reports.first, reports.otherSeed],
    /shard-2-seed-8\.json is not a shard of the campaign of .*shard-1\.json: its seed is 8, not 7/,
  ],
  [
    ["merge", reports.first, reports.firstAgain],
    /shard-1-again\.json and .*shard-1\.json are the same shard 1\/2/,
  ],
]);
add("merge", "bad report flag", [
  [["merge", reports.first, "--report", "xml=x"], /--report needs KIND=FILE/],
]);

add("helperfuzz", "unknown command", [[["gopher"], /unknown command 'gopher'/]]);

// ---------------------------------------------------------------------------------------
// Running the rows.

interface Ran {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

const otherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
// A checkout nobody cannot enter (a clone inside a 0700 `mktemp -d`) cannot run as nobody:
// those rows are skipped, saying so, rather than failing on the tool's own files.
const otherUserCanRun =
  !("uid" in otherUser) ||
  spawnSync(process.execPath, ["-e", `require("fs").accessSync(${JSON.stringify(bin)}, 4)`], {
    ...otherUser,
    cwd: tmp,
  }).status === 0;
const runnable = (row: Row) => !row.asOtherUser || otherUserCanRun;

function runRow(row: Row): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...row.argv], {
      cwd: tmp,
      env: { ...process.env, NO_COLOR: "1" },
      timeout: ROW_TIMEOUT_MS,
      stdio: ["ignore", "pipe", "pipe"],
      ...(row.asOtherUser ? otherUser : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const results = new Map<Row, Ran>();

beforeAll(async () => {
  const queue = rows.filter(runnable);
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) results.set(row, await runRow(row));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}, rows.length * ROW_TIMEOUT_MS);

describe("bad input: exit 2, a message naming the problem, no stack trace", () => {
  it("covers every command with at least 110 rows", () => {
    expect(rows.length).toBeGreaterThanOrEqual(110);
    expect(new Set(rows.map((r) => r.command))).toEqual(
      new Set(["run", "check", "replay", "pcap", "conform", "bench", "merge", "helperfuzz"]),
    );
  });

  it.skip.each(
    rows
      .filter((row) => !runnable(row))
      .map((row) => [`${row.command}: ${row.kind}: ${row.argv.join(" ")}`] as const),
  )("%s (skipped: user nobody cannot read this checkout's bin/helperfuzz.mjs)", () => {});

  it.each(
    rows
      .filter(runnable)
      .map((row) => [`${row.command}: ${row.kind}: ${row.argv.join(" ")}`, row] as const),
  )("%s", (_, row) => {
    const ran = results.get(row)!;
    const shown = `exit ${ran.code ?? ran.signal}\nstderr: ${ran.stderr}\nstdout: ${ran.stdout.slice(0, 2000)}`;
    expect(ran.stderr, shown).toMatch(row.stderr);
    expect(ran.code, shown).toBe(2);
    for (const output of [ran.stderr, ran.stdout]) {
      expect(output, shown).not.toMatch(/^\s+at /m);
      expect(output, shown).not.toContain("node:internal");
    }
  });
});
