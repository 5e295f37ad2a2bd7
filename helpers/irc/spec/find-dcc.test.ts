import { describe, expect, it } from "vitest";
import {
  DCC_TYPES,
  dccTypeAt,
  findDccCommand,
  isPrivmsgAt,
  MAX_SEARCH_SIZE,
  searchWindow,
  skipLeadingBlanks,
} from "./find-dcc.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const DCC = "\x01DCC SEND f.txt 3232235778 5000 1234\x01\r\n";
const find = (text: string) => findDccCommand(bytes(text));

describe("searchWindow (§3.2)", () => {
  it("keeps the first 4095 bytes", () => {
    expect(searchWindow(new Uint8Array(5000)).length).toBe(MAX_SEARCH_SIZE);
    expect(searchWindow(new Uint8Array(30)).length).toBe(30);
  });
});

describe("skipLeadingBlanks (§3.3 step 1)", () => {
  it("skips ' ', '\\r', '\\n' but not tabs", () => {
    expect(skipLeadingBlanks(bytes(" \r\n PRIVMSG bob :x"))).toBe(4);
    expect(skipLeadingBlanks(bytes("\t PRIVMSG bob :x"))).toBe(0);
  });
  it("stops once only 10 bytes remain", () => {
    expect(skipLeadingBlanks(bytes(" ".repeat(15)))).toBe(5);
    expect(skipLeadingBlanks(bytes(" ".repeat(10)))).toBe(0);
  });
});

describe("isPrivmsgAt (§3.3 step 2)", () => {
  it("is case-insensitive and needs the space", () => {
    expect(isPrivmsgAt(bytes("PrivMsg x"), 0)).toBe(true);
    expect(isPrivmsgAt(bytes("PRIVMSG\tx"), 0)).toBe(false);
    expect(isPrivmsgAt(bytes("NOTICE x"), 0)).toBe(false);
    expect(isPrivmsgAt(bytes("PRIVMS"), 0)).toBe(false);
  });
  it("does not fold Latin-1 bytes onto letters", () => {
    expect(isPrivmsgAt(new Uint8Array([0xd0, ...bytes("RIVMSG ")]), 0)).toBe(false);
  });
});

describe("dccTypeAt", () => {
  it("knows exactly the kernel's five types, case-sensitively", () => {
    for (const type of DCC_TYPES) expect(dccTypeAt(bytes(`${type}x`), 0)).toBe(type);
    for (const other of ["send ", "RESUME ", "ACCEPT ", "SEND", "SENDX "]) {
      expect(dccTypeAt(bytes(other), 0)).toBeNull();
    }
  });
});

describe("findDccCommand (§3.3 steps 1–3)", () => {
  it("finds the DCC right after the first ' :'", () => {
    const text = `PRIVMSG bob :${DCC}`;
    expect(find(text)).toEqual({ type: "SEND ", argumentsStart: text.indexOf("f.txt") });
  });
  it("accepts leading blanks and a lowercase privmsg", () => {
    expect(find(`\r\n  privmsg bob :${DCC}`)?.type).toBe("SEND ");
  });
  it("NOTICE / PING echo ⇒ nothing", () => {
    expect(find(`NOTICE bob :${DCC}`)).toBeNull();
    expect(find(`PING :${DCC}`)).toBeNull();
    expect(find(`:irc.example PONG irc.example :${DCC}`)).toBeNull();
  });
  it("text before the DCC ⇒ nothing (only the first ' :' is looked at)", () => {
    expect(find(`PRIVMSG bob :hi ${DCC}`)).toBeNull();
    expect(find(`PRIVMSG bob :hi :${DCC}`)).toBeNull();
    expect(find(`PRIVMSG bob :hi\r\nPRIVMSG bob :${DCC}`)).toBeNull();
  });
  it("lowercase dcc ⇒ nothing", () => {
    expect(find("PRIVMSG bob :\x01dcc send f.txt 3232235778 5000 1234\x01\r\n")).toBeNull();
  });
  it("an unknown type continues to a later ' :'", () => {
    const text = `PRIVMSG bob :\x01DCC RESUME f 5000 0\x01 :${DCC}`;
    expect(find(text)).toEqual({ type: "SEND ", argumentsStart: text.indexOf("f.txt") });
    // ... and that later place must again be exactly "\x01DCC ".
    expect(find("PRIVMSG bob :\x01DCC RESUME f 5000 0 :hello there you all\r\n")).toBeNull();
  });
  it("each type is found", () => {
    for (const type of DCC_TYPES) {
      expect(find(`PRIVMSG bob :\x01DCC ${type}f 3232235778 5000\x01\r\n`)?.type).toBe(type);
    }
  });
  it("the ' :' must start while more than 26 bytes remain", () => {
    const head = "PRIVMSG b :\x01DCC CHAT c 1 1\x01\n"; // " :" at index 9
    expect(find(head.padEnd(9 + 27, "y"))?.type).toBe("CHAT ");
    expect(find(head.padEnd(9 + 26, "y"))).toBeNull();
  });
  it("the space of 'PRIVMSG ' is not the space of ' :'", () => {
    expect(find(`PRIVMSG :${DCC}`)).toBeNull();
    expect(find(`PRIVMSG  :${DCC}`)?.type).toBe("SEND ");
  });
  it("10 bytes or fewer ⇒ nothing", () => {
    expect(find("PRIVMSG :")).toBeNull();
    expect(find("")).toBeNull();
  });
  it("a first line that is not PRIVMSG hides a later PRIVMSG line", () => {
    expect(find(`NICK alice\r\nPRIVMSG bob :${DCC}`)).toBeNull();
  });
});
