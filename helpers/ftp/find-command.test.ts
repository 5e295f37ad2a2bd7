import { describe, expect, it } from "vitest";
import { FtpCommand, FtpCommandType } from "./command.ts";
import { Found, findCommand } from "./find-command.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const options = { family: 4 as const, strict: false };

function find(text: string, dir: "orig" | "reply" = "orig") {
  const cmd = new FtpCommand();
  cmd.reset(Uint8Array.of(10, 0, 0, 2));
  const found = findCommand(bytes(text), dir, cmd, options);
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
});
