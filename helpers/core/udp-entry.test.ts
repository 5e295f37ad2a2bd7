import { describe, expect, it } from "vitest";
import { EntryPhase, entryDiesWith, entryVerdict } from "./udp-entry.ts";

describe("the UDP entry around a helper that can drop", () => {
  it("a flow the client opens has no entry until its first datagram passes", () => {
    const state = { entry: EntryPhase.Unknown };
    expect(entryVerdict(state, false, "orig")).toBeNull();
    expect(state.entry).toBe(EntryPhase.None);
    expect(entryDiesWith(state, "drop")).toBe(true);
    expect(state.entry).toBe(EntryPhase.None);
    expect(entryDiesWith(state, "accept")).toBe(false);
    expect(state.entry).toBe(EntryPhase.Helped);
  });
  it("a flow the server opens has its entry already: a drop kills nothing", () => {
    const state = { entry: EntryPhase.Unknown };
    expect(entryVerdict(state, true, "reply")).toBeNull();
    expect(state.entry).toBe(EntryPhase.Helped);
    expect(entryDiesWith(state, "drop")).toBe(false);
    expect(entryVerdict(state, true, "reply")).toBeNull();
  });
  it("a server datagram with no entry: dropped under NAT, else an entry without the helper", () => {
    const natted = { entry: EntryPhase.None };
    expect(entryVerdict(natted, true, "reply")).toEqual({ verdict: "drop" });
    expect(natted.entry).toBe(EntryPhase.None);
    const plain = { entry: EntryPhase.None };
    expect(entryVerdict(plain, false, "reply")).toEqual({ verdict: "accept" });
    expect(plain.entry).toBe(EntryPhase.Unhelped);
    expect(entryVerdict(plain, false, "orig")).toEqual({ verdict: "accept" });
  });
});
