import { describe, expect, it } from "vitest";
import { FtpCommand, FtpCommandType } from "./command.ts";
import { Found, findCommand, mayHoldKeyword } from "./find-command.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const options = { family: 4 as const, strict: false };

function find(text: string, dir: "orig" | "reply" = "orig") {
  const cmd = new FtpCommand();
  const found = findCommand(bytes(text), dir, cmd, Uint8Array.of(10, 0, 0, 2), options);
  return { found, cmd };
}

describe("findCommand", () => {
  it("matches a keyword prefix case-insensitively and locates the argument", () => {
    const { found, cmd } = find("pOrT 10,0,0,2,4,1\r\n");
    expect(found).toBe(Found.Match);
    expect(cmd.type).toBe(FtpCommandType.Port);
    expect([cmd.matchOffset, cmd.matchLength]).toEqual([5, 12]);
  });
  it("reports a segment no longer than a keyword prefix as partial", () => {
    expect(find("P").found).toBe(Found.Partial);
    expect(find("ep").found).toBe(Found.Partial);
    expect(find("PORT").found).toBe(Found.Partial);
    expect(find("22", "reply").found).toBe(Found.Partial);
    expect(find("X").found).toBe(Found.None);
  });
  it("needs the skip char with something after it", () => {
    expect(find("PORT\r\n").found).toBe(Found.Partial);
    expect(find("PORT ").found).toBe(Found.Partial);
    expect(find("229 Entering EPSV\r\n", "reply").found).toBe(Found.Partial);
  });
  it("stops at a partial PORT without trying EPRT", () => {
    expect(find("PORT x\r\n").found).toBe(Found.Partial);
  });
  it("falls through to EPRT", () => {
    const { found, cmd } = find("EPRT |1|10.0.0.2|1025|\r\n");
    expect(found).toBe(Found.Match);
    expect(cmd.type).toBe(FtpCommandType.Eprt);
    expect([cmd.matchOffset, cmd.matchLength]).toEqual([5, 17]);
  });
  it("folds only A-Z to lower case, as the kernel's strncasecmp does", () => {
    // 0x12 | 0x20 = '2', 0x17 | 0x20 = '7', NUL | 0x20 = ' ': a fold of every byte would
    // take these for "227 ".
    expect(find("\x12\x12\x17\x00(1,2,3,4,5,6)\r\n", "reply").found).toBe(Found.None);
    expect(find("\x12\x12\x19\x00(|||5001|)\r\n", "reply").found).toBe(Found.None);
  });
  it("does not look for the other direction's keywords", () => {
    expect(find("227 (1,2,3,4,5,6)\r\n", "orig").found).toBe(Found.None);
    expect(find("PORT 1,2,3,4,5,6\r\n", "reply").found).toBe(Found.None);
  });
  it("finds 229 after '(' and 227 anywhere after the code", () => {
    const epsv = find("229 x (|||5001|)\r\n", "reply");
    expect([epsv.found, epsv.cmd.matchOffset, epsv.cmd.matchLength]).toEqual([Found.Match, 7, 8]);
    const pasv = find("227 x 1,2,3,4,5,6\r\n", "reply");
    expect([pasv.found, pasv.cmd.matchOffset, pasv.cmd.matchLength]).toEqual([Found.Match, 6, 11]);
  });
  it("fills the address from the sender only once a keyword matched", () => {
    const cmd = new FtpCommand();
    cmd.addr.fill(7);
    const sender = Uint8Array.of(10, 0, 0, 2);
    expect(findCommand(bytes("NOOP\r\n"), "orig", cmd, sender, options)).toBe(Found.None);
    expect(cmd.addr[0]).toBe(7);
    const found = findCommand(bytes("229 (|||5001|)\r\n"), "reply", cmd, sender, options);
    expect(found).toBe(Found.Match);
    expect(Array.from(cmd.addr)).toEqual([10, 0, 0, 2, ...new Array(12).fill(0)]);
  });
});

describe("mayHoldKeyword", () => {
  const may = (text: string, dir: "orig" | "reply") => mayHoldKeyword(bytes(text), dir);
  it("lets through what starts with PORT or EPRT in any case, or a prefix of them", () => {
    for (const t of ["P", "e", "pO", "Ep", "EPR", "eprt |1|", "PORT", "pOrT 1", "EprT"]) {
      expect(may(t, "orig")).toBe(true);
    }
  });
  it("turns down other commands, including those sharing up to three letters", () => {
    // 0xd0, 0xc5, 0xcf, 0xd2, 0xd4 would pass only if the case fold were wrong.
    for (const t of [
      "CWD",
      " PORT",
      "PASV",
      "PWD",
      "EPSV",
      "POST",
      "pOrX",
      "PORX 1",
      "EPRX",
      "0",
      "\xd0",
      "p\xcf",
      "po\xd2",
      "por\xd4",
      "227",
    ]) {
      expect(may(t, "orig")).toBe(false);
    }
  });
  it("lets through 227/229 replies or a prefix of them, and no other reply", () => {
    for (const t of ["2", "22", "227", "229", "227 ", "227 x", "229 (x"]) {
      expect(may(t, "reply")).toBe(true);
    }
    for (const t of ["200 ok", "226 ok", "228", "227-x", "229-x", "3", "PORT", " 227"])
      expect(may(t, "reply")).toBe(false);
  });
  it("is false exactly when findCommand answers None", () => {
    // Every 1..4-byte string over the keywords' bytes, their other case and a few others,
    // and each 4-byte one followed by more: the filter must never hide a partial match
    // or a match, and lets nothing else through.
    const alphabet = Array.from(bytes("pPoOeErRtT279 -(\xd0"));
    const cmd = new FtpCommand();
    const sender = Uint8Array.of(10, 0, 0, 2);
    const wrong: string[] = [];
    let checked = 0;
    const check = (data: Uint8Array) => {
      for (const dir of ["orig", "reply"] as const) {
        const found = findCommand(data, dir, cmd, sender, options);
        if (mayHoldKeyword(data, dir) !== (found !== Found.None)) {
          wrong.push(`${dir} ${JSON.stringify(Array.from(data))}`);
        }
        checked++;
      }
    };
    const visit = (prefix: number[]) => {
      if (prefix.length > 0) check(Uint8Array.from(prefix));
      if (prefix.length === 4) check(Uint8Array.from([...prefix, ...bytes("(|||1|)\r\n")]));
      else for (const b of alphabet) visit([...prefix, b]);
    };
    visit([]);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });
});
