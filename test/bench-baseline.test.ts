import { describe, expect, it } from "vitest";
import { mergeBaseline, parseBaseline } from "../bench/core/baseline.ts";
import { UsageError } from "../harness/usage.ts";

const recorded = { date: "d", node: "v20", cpus: "2", mode: "quick" };

describe("baseline file", () => {
  it("round-trips a valid file", () => {
    const text = JSON.stringify({
      version: 1,
      recorded,
      helpers: { ftp: { commands: { ratio: 3.1, spread: 0.02, rounds: 9 } } },
    });
    expect(parseBaseline(text, "b.json").helpers.ftp.commands.ratio).toBe(3.1);
  });

  it("rejects broken JSON, a wrong version and a bad figure with the file's name", () => {
    expect(() => parseBaseline("{", "b.json")).toThrow(/b\.json: not JSON/);
    expect(() => parseBaseline('{"version":2,"helpers":{}}', "b.json")).toThrow(UsageError);
    const bad = JSON.stringify({
      version: 1,
      helpers: { ftp: { w: { ratio: -1, spread: 0, rounds: 1 } } },
    });
    expect(() => parseBaseline(bad, "b.json")).toThrow(/helpers\.ftp\.w/);
  });

  it("updating one helper keeps the others", () => {
    const previous = parseBaseline(
      JSON.stringify({
        version: 1,
        recorded,
        helpers: { irc: { dcc: { ratio: 2, spread: 0, rounds: 1 } } },
      }),
      "b.json",
    );
    const merged = mergeBaseline(
      previous,
      { ftp: { commands: { ratio: 3, spread: 0, rounds: 1 } } },
      recorded,
    );
    expect(Object.keys(merged.helpers).sort()).toEqual(["ftp", "irc"]);
  });

  it("keeps the recorded processes' ratios and rejects a bad list", () => {
    const file = (processRatios: unknown) =>
      JSON.stringify({
        version: 1,
        recorded,
        helpers: { irc: { nat: { ratio: 88, spread: 0.07, rounds: 9, processRatios } } },
      });
    expect(parseBaseline(file([81, 89.4, 88.3]), "b.json").helpers.irc.nat.processRatios).toEqual([
      81, 89.4, 88.3,
    ]);
    for (const bad of [[], [80, -1], [80, "fast"], 80]) {
      expect(() => parseBaseline(file(bad), "b.json")).toThrow(/helpers\.irc\.nat/);
    }
  });
});
