import { describe, expect, it } from "vitest";
import { parseCommandLine, splitWords } from "./command-words.ts";

describe("splitWords", () => {
  it("splits on blanks and keeps quoted blanks", () => {
    expect(splitWords(`./a  --x 'two words' "say \\"hi\\""`)).toEqual([
      "./a",
      "--x",
      "two words",
      'say "hi"',
    ]);
  });

  it("keeps an empty quoted word and a backslash-escaped blank", () => {
    expect(splitWords(`a '' b\\ c`)).toEqual(["a", "", "b c"]);
  });

  it("refuses what needs a shell, saying how to get one", () => {
    expect(() => splitWords("a | b")).toThrow(/sh -c/);
    expect(() => splitWords("a $HOME")).toThrow(/without a shell/);
  });

  it("accepts shell characters inside quotes", () => {
    expect(splitWords(`sh -c 'a | b'`)).toEqual(["sh", "-c", "a | b"]);
  });

  it("refuses an unclosed quote", () => {
    expect(() => splitWords(`a 'b`)).toThrow(/unclosed/);
  });
});

describe("parseCommandLine", () => {
  it("takes leading assignments as the environment", () => {
    expect(parseCommandLine("BUG=1 X=a=b ./adapter --v")).toEqual({
      env: { BUG: "1", X: "a=b" },
      command: "./adapter",
      args: ["--v"],
    });
  });

  it("needs a program", () => {
    expect(() => parseCommandLine("A=1 ")).toThrow(/needs a program/);
    expect(() => parseCommandLine("")).toThrow(/needs a program/);
  });
});
