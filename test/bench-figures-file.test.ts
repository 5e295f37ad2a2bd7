import { describe, expect, it } from "vitest";
import { parseFigures } from "../bench/core/figures-file.ts";
import { UsageError } from "../harness/usage.ts";

const recorded = { date: "d", node: "v20", cpus: "2", mode: "quick" };

describe("figures file", () => {
  it("round-trips a valid file", () => {
    const text = JSON.stringify({
      version: 1,
      recorded,
      helpers: { ftp: { commands: { ratio: 3.1, spread: 0.02, rounds: 9 } } },
    });
    expect(parseFigures(text, "f.json").helpers.ftp.commands.ratio).toBe(3.1);
  });

  it("reads an older tree's file, extra fields and all (the gate reads older trees)", () => {
    const text = JSON.stringify({
      version: 1,
      recorded,
      helpers: { irc: { nat: { ratio: 88, spread: 0.07, rounds: 9, processRatios: [81, 89] } } },
    });
    expect(parseFigures(text, "f.json").helpers.irc.nat.ratio).toBe(88);
  });

  it("rejects broken JSON, a wrong version and a bad figure with the file's name", () => {
    expect(() => parseFigures("{", "f.json")).toThrow(/f\.json: not JSON/);
    expect(() => parseFigures('{"version":2,"helpers":{}}', "f.json")).toThrow(UsageError);
    for (const bad of [
      { ratio: -1, spread: 0, rounds: 1 },
      { ratio: 1, spread: -0.1, rounds: 1 },
      { ratio: 1, spread: 0, rounds: 0.5 },
      { ratio: "fast", spread: 0, rounds: 1 },
    ]) {
      const text = JSON.stringify({ version: 1, helpers: { ftp: { w: bad } } });
      expect(() => parseFigures(text, "f.json")).toThrow(/helpers\.ftp\.w/);
    }
  });
});
