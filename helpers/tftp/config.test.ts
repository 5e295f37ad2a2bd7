import { describe, expect, it } from "vitest";
import { FlowError } from "../core/model.ts";
import { parseTftpConfig } from "./config.ts";

describe("parseTftpConfig", () => {
  it("defaults to no options", () => {
    expect(parseTftpConfig(undefined)).toEqual({});
    expect(parseTftpConfig({})).toEqual({});
  });
  it("takes ports", () => {
    expect(parseTftpConfig({ ports: [69, 6969] })).toEqual({ ports: [69, 6969] });
  });
  it.each([
    [{ ports: [70000] }, /^tftp option "ports" must be a list of ports/],
    [{ ports: 69 }, /"ports" must be a list of ports/],
    [{ ports: [1.5] }, /"ports" must be a list of ports/],
    [{ loose: true }, /^unknown tftp option "loose"/],
  ])("rejects %j", (raw, message) => {
    expect(() => parseTftpConfig(raw)).toThrow(FlowError);
    expect(() => parseTftpConfig(raw)).toThrow(message);
  });
  it("rejects a config that is not an object", () => {
    expect(() => parseTftpConfig([] as unknown as Record<string, unknown>)).toThrow(FlowError);
    expect(() => parseTftpConfig([] as unknown as Record<string, unknown>)).toThrow(
      /^tftp config must be an object/,
    );
  });
});
