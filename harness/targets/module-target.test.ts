import { describe, expect, it } from "vitest";
import { helper } from "../../examples/ts-module/ftp-port-helper.ts";
import { moduleExports, targetFromExports } from "./module-target.ts";

const run = () => ({ expectations: [], segments: [] });

describe("moduleExports: what a module exports, ESM or CommonJS", () => {
  it("keeps an ESM namespace with named exports or a HelperDefinition as default", () => {
    expect(moduleExports({ helper })).toEqual({ helper });
    expect(moduleExports({ default: helper })).toEqual({ default: helper });
  });

  it("opens module.exports, which CommonJS (and TS compiled to it) gives as default", () => {
    expect(moduleExports({ default: { helper, parsePort: run } })).toEqual({
      helper,
      parsePort: run,
    });
    // Named exports found by Node's CommonJS lexer come beside the same default.
    expect(moduleExports({ helper, default: { helper } })).toEqual({ helper });
    expect(moduleExports({ default: { default: helper } })).toEqual({ default: helper });
    expect(moduleExports({ default: { run, helpers: ["ftp"] } })).toEqual({
      run,
      helpers: ["ftp"],
    });
  });

  it("leaves a default that is no bag of exports to be reported as it is", () => {
    const half = { name: "ftp", l4: "tcp" };
    expect(() => targetFromExports("m", moduleExports({ default: half }))).toThrow(
      /default export is no HelperDefinition: missing families/,
    );
  });

  it("the opened exports make a target of either kind", () => {
    expect(targetFromExports("m", moduleExports({ default: { helper } })).helpers()).toEqual([
      "ftp",
    ]);
    const whole = targetFromExports("m", moduleExports({ default: { run, helpers: ["irc"] } }));
    expect(whole.helpers()).toEqual(["irc"]);
  });
});
