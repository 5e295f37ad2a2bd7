import { describe, expect, it } from "vitest";
import { FlowError } from "../../core/model.ts";
import { readTalkConfig } from "./config.ts";

describe("talk spec config", () => {
  it("defaults to the ANNOUNCE helper with every flavour supported", () => {
    expect(readTalkConfig(undefined)).toEqual({
      mode: "announce",
      talk: true,
      ntalk: true,
      ntalk2: true,
    });
  });
  it("reads the module parameters as 0/1", () => {
    expect(readTalkConfig({ mode: "lookup", ntalk2: 0 })).toEqual({
      mode: "lookup",
      talk: true,
      ntalk: true,
      ntalk2: false,
    });
  });
  it.each([{ mode: "both" }, { talk: "yes" }, { otalk: 1 }])("rejects %j", (raw) => {
    expect(() => readTalkConfig(raw)).toThrow(FlowError);
  });
});
