import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkFindingsDir } from "./findings-dir.ts";
import { UsageError } from "./usage.ts";

const tmp = mkdtempSync(join(tmpdir(), "hf-findings-dir-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function refusal(dir: string): string {
  try {
    checkFindingsDir(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${dir} was accepted`);
}

describe("checkFindingsDir", () => {
  it("accepts a folder that does not exist yet, and leaves nothing behind", () => {
    const dir = join(tmp, "a", "b", "findings");
    checkFindingsDir(dir);
    expect(existsSync(join(tmp, "a"))).toBe(false);
  });

  it("accepts an existing folder and removes its probe", () => {
    const dir = join(tmp, "existing");
    mkdirSync(dir);
    writeFileSync(join(dir, "kept.json"), "{}");
    checkFindingsDir(dir);
    expect(readdirSync(dir)).toEqual(["kept.json"]);
  });

  it("refuses a regular file, and a path through one", () => {
    const file = join(tmp, "plain-file");
    writeFileSync(file, "");
    expect(refusal(file)).toMatch(/plain-file: findings cannot be saved there: .* is a file/);
    expect(refusal(join(file, "sub"))).toMatch(/not a folder \(ENOTDIR\)/);
  });

  it("refuses /proc and /sys at once (Node's recursive mkdir loops forever on /proc)", () => {
    expect(refusal("/proc/nope")).toMatch(/^--findings \/proc\/nope: .*\/proc holds the kernel/);
    expect(refusal("/sys/nope/deeper")).toMatch(/\/sys holds the kernel/);
    expect(refusal("/proc")).toMatch(/\/proc holds the kernel/);
  });

  it("refuses a symbolic link into /proc, by where it leads", () => {
    const link = join(tmp, "to-proc");
    symlinkSync("/proc/self", link);
    expect(refusal(join(link, "findings"))).toMatch(/\/proc holds the kernel/);
  });

  it.skipIf(process.getuid?.() === 0)("refuses a read-only folder, saying why", () => {
    const dir = join(tmp, "read-only");
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    expect(refusal(join(dir, "findings"))).toMatch(/cannot create .*permission denied \(EACCES\)/);
    expect(refusal(dir)).toMatch(/cannot create a file in .*read-only.*EACCES/);
  });
});
