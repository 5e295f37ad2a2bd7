import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Flow } from "../helpers/core/model.ts";
import { describeFinding, saveFinding } from "./findings.ts";
import type { PropertyResult } from "./runner.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "hf-findings-"));
  dirs.push(dir);
  return dir;
}

function failing(command: string, text: string): PropertyResult {
  const flow: Flow = {
    helper: "ftp",
    l4: "tcp",
    client: { addr: "192.0.2.1", port: 40000 },
    server: { addr: "192.0.2.2", port: 21 },
    segments: [{ dir: "orig", seq: 0, data: new TextEncoder().encode(text) }],
  };
  return {
    property: "never-throws",
    target: `cmd:${command}`,
    runs: 3,
    seed: 7,
    durationMs: 1,
    timedOut: false,
    failure: { flow, message: "target misbehaved: hung", seed: 7, path: "2:0", shrinks: 1 },
  };
}

describe("saveFinding", () => {
  it("names the file without ':' whatever the target is called", () => {
    const dir = scratch();
    const record = saveFinding(dir, "ftp", failing("/usr/bin/env a:b --c=d e", "PORT 1\r\n"));
    expect(record.kind).toBe("saved");
    const files = readdirSync(join(dir, "ftp"));
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).not.toContain(":");
    expect(files.some((f) => f.endsWith(".pcap"))).toBe(true);
  });

  it("does not write the same failure twice: a rerun says where it already is", () => {
    const dir = scratch();
    const first = saveFinding(dir, "ftp", failing("./adapter", "PORT 1\r\n"));
    const again = saveFinding(dir, "ftp", failing("./adapter", "PORT 1\r\n"));
    expect(first.kind).toBe("saved");
    expect(again).toEqual({ kind: "already-saved", path: (first as { path: string }).path });
    expect(describeFinding(again)[0]).toMatch(/^already saved as .*\.json$/);
    expect(readdirSync(join(dir, "ftp"))).toHaveLength(2);
    // Another flow, or another target, is another finding.
    expect(saveFinding(dir, "ftp", failing("./adapter", "PORT 2\r\n")).kind).toBe("saved");
    expect(saveFinding(dir, "ftp", failing("./other", "PORT 1\r\n")).kind).toBe("saved");
    expect(readdirSync(join(dir, "ftp"))).toHaveLength(6);
  });

  it("gives the whole case back with the reason when it cannot be written", () => {
    const dir = scratch();
    // The helper's folder is a file: what a folder removed and replaced mid-run looks like.
    writeFileSync(join(dir, "ftp"), "in the way\n");
    const record = saveFinding(dir, "ftp", failing("./adapter", "PORT 1\r\n"));
    expect(record.kind).toBe("not-saved");
    if (record.kind !== "not-saved") return;
    expect(record.reason).toMatch(/EEXIST|ENOTDIR/);
    const lines = describeFinding(record);
    expect(lines[0]).toBe(`NOT saved: ${record.reason}`);
    const printed = JSON.parse(lines.slice(2).join("\n"));
    expect(printed.found).toMatchObject({ seed: 7, path: "2:0", target: "cmd:./adapter" });
    expect(Buffer.from(printed.flow.segments[0].text ?? "", "latin1").toString()).toBe(
      "PORT 1\r\n",
    );
    expect(readFileSync(join(dir, "ftp"), "utf8")).toBe("in the way\n");
  });

  it("names the target in the file name, cut to a length every file system takes", () => {
    const dir = scratch();
    saveFinding(dir, "ftp", failing(`/opt/${"x".repeat(300)}/adapter`, "PORT 1\r\n"));
    for (const file of readdirSync(join(dir, "ftp"))) {
      expect(basename(file).length).toBeLessThan(200);
      expect(file).toContain("cmd_");
    }
  });
});
