import { describe, expect, it } from "vitest";
import { answerBytes, messageBytes, sockaddrBytes } from "./talk-bytes.ts";

const addr = { family: 2, port: 0x0205, ip: [192, 0, 2, 1] };

describe("talk datagram bytes", () => {
  it("writes a sockaddr in network order with its junk", () => {
    expect([...sockaddrBytes(addr, 9)]).toEqual([0, 2, 2, 5, 192, 0, 2, 1, 9, 9, 9, 9, 9, 9, 9, 9]);
  });
  it("builds messages of 76, 84 and 84 + extension bytes", () => {
    const fields = {
      type: 3,
      idNum: 1,
      addr,
      ctlAddr: addr,
      pid: 7,
      callerName: "alice",
      calleeName: "bob",
      tty: "pts/1",
    };
    const old = messageBytes({ ...fields, flavour: "talk" });
    expect(old.length).toBe(76);
    expect([old[0], old[1], old[44 + 3], old[60 + 4]]).toEqual([3, 0x61, 5, 192]);
    const ntalk = messageBytes({ ...fields, flavour: "ntalk" });
    expect([ntalk.length, ntalk[0], ntalk[1], ntalk[3], ntalk[24 + 4]]).toEqual([84, 1, 3, 0, 192]);
    const ntalk2 = messageBytes({ ...fields, flavour: "ntalk2", extension: Uint8Array.of(1, 2) });
    expect([ntalk2.length, ntalk2[0], ntalk2[3], ntalk2[85]]).toEqual([86, 2, 2, 2]);
  });
  it("builds answers of 24, 24 and 36 + tail bytes", () => {
    const fields = { type: 1, answer: 0, idNum: 0x01020304, addr };
    const old = answerBytes({ ...fields, flavour: "talk" });
    expect([...old.subarray(0, 8)]).toEqual([1, 0, 0, 0, 1, 2, 3, 4]);
    expect(answerBytes({ ...fields, flavour: "ntalk", version: 7 })[0]).toBe(7);
    expect(answerBytes({ ...fields, flavour: "ntalk2", tail: Uint8Array.of(1) }).length).toBe(37);
  });
});
