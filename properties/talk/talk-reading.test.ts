import { describe, expect, it } from "vitest";
import type { Flow } from "../../helpers/core/model.ts";
import { answerBytes } from "./talk-bytes.ts";
import { messageFlavour, openingAnswer, readAnswer, talkOptions } from "./talk-reading.ts";

const addr = { family: 2, port: 2000, ip: [203, 0, 113, 9] };

function flow(port: number, config: Record<string, unknown> | undefined, data: Uint8Array[]): Flow {
  return {
    helper: "talk",
    l4: "udp",
    client: { addr: "198.18.0.1", port: 1 },
    server: { addr: "203.0.113.1", port },
    ...(config ? { config } : {}),
    segments: data.map((d) => ({ dir: "reply" as const, data: d })),
  };
}

describe("talk reading", () => {
  it("reads an answer's type, code and addr per port", () => {
    const options = talkOptions(flow(518, undefined, []));
    expect(
      readAnswer(answerBytes({ flavour: "ntalk", type: 1, answer: 0, idNum: 0, addr }), options),
    ).toEqual({
      type: 1,
      answer: 0,
      port: 2000,
      ip: "203.0.113.9",
    });
    expect(
      // An old-talk answer is 24 bytes too: on 518 its type byte reads as the version, so
      // an old LOOK_UP (type 1) passes for ntalk; an old ANNOUNCE (type 3) does not.
      readAnswer(answerBytes({ flavour: "talk", type: 3, answer: 0, idNum: 0, addr }), options),
    ).toBeNull();
  });
  it("finds the first successful answer of the helper's type", () => {
    const lookUp = answerBytes({ flavour: "talk", type: 1, answer: 0, idNum: 0, addr });
    const announce = answerBytes({ flavour: "talk", type: 3, answer: 0, idNum: 0, addr });
    expect(openingAnswer(flow(517, undefined, [lookUp, announce]))).toBe(1);
    expect(openingAnswer(flow(517, { mode: "lookup" }, [announce, lookUp]))).toBe(1);
    expect(openingAnswer(flow(517, { talk: 0 }, [announce]))).toBe(-1);
  });
  it("checks ntalk2's extended count", () => {
    const options = talkOptions(flow(518, undefined, []));
    const data = new Uint8Array(86);
    data.set([2, 3, 0, 2]);
    expect(messageFlavour(data, options)).toBe("ntalk2");
    data[3] = 1;
    expect(messageFlavour(data, options)).toBeNull();
  });
});
