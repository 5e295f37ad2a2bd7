import { describe, expect, it } from "vitest";
import { runFlow, traceFlow } from "../core/driver.ts";
import type { Expectation, Flow, Segment } from "../core/model.ts";
import { sipHelper } from "./index.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array) => String.fromCharCode(...b);

const C = "198.18.1.2";
const S = "198.19.1.2";
const N = "198.19.1.100";

const sdp = (ip: string, port: number, family = "IP4") =>
  `v=0\r\no=u 1 1 IN ${family} ${ip}\r\ns=-\r\nc=IN ${family} ${ip}\r\nt=0 0\r\n` +
  `m=audio ${port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n`;

function invite(c: string, s: string, body: string, transport = "UDP", cport = 5060): string {
  return (
    `INVITE sip:bob@${s} SIP/2.0\r\n` +
    `Via: SIP/2.0/${transport} ${c}:${cport};branch=z9hG4bK776asdhds\r\n` +
    "Max-Forwards: 70\r\n" +
    `To: Bob <sip:bob@${s}>\r\n` +
    `From: Alice <sip:alice@${c}>;tag=1928301774\r\n` +
    `Call-ID: a84b4c76e66710@${c}\r\n` +
    "CSeq: 314159 INVITE\r\n" +
    `Contact: <sip:alice@${c}:${cport}>\r\n` +
    "Content-Type: application/sdp\r\n" +
    `Content-Length: ${body.length}\r\n\r\n${body}`
  );
}

function ok200(c: string, s: string, body: string, cseq = "314159 INVITE", transport = "UDP") {
  return (
    "SIP/2.0 200 OK\r\n" +
    `Via: SIP/2.0/${transport} ${c}:5060;branch=z9hG4bK776asdhds\r\n` +
    `To: Bob <sip:bob@${s}>;tag=a6c85cf\r\n` +
    `From: Alice <sip:alice@${c}>;tag=1928301774\r\n` +
    `Call-ID: a84b4c76e66710@${c}\r\n` +
    `CSeq: ${cseq}\r\n` +
    `Contact: <sip:bob@${s}:5060>\r\n` +
    "Content-Type: application/sdp\r\n" +
    `Content-Length: ${body.length}\r\n\r\n${body}`
  );
}

function register(contact: string, extra = "Expires: 3600\r\n", cseq = 1, c = C) {
  return (
    `REGISTER sip:${S} SIP/2.0\r\n` +
    `Via: SIP/2.0/UDP ${c}:5060;branch=z9hG4bKreg\r\n` +
    `From: <sip:alice@${S}>;tag=1\r\nTo: <sip:alice@${S}>\r\n` +
    `Call-ID: r1@${c}\r\nCSeq: ${cseq} REGISTER\r\n` +
    `Contact: ${contact}\r\n${extra}Content-Length: 0\r\n\r\n`
  );
}

const reply = (status: string, cseq: number, contact = "", extra = "") =>
  `SIP/2.0 ${status}\r\nVia: SIP/2.0/UDP ${C}:5060\r\nCSeq: ${cseq} REGISTER\r\n` +
  `${contact ? `Contact: ${contact}\r\n` : ""}${extra}Content-Length: 0\r\n\r\n`;

function flow(segments: [Segment["dir"], string][], over: Partial<Flow> = {}): Flow {
  return {
    helper: "sip",
    l4: "udp",
    client: { addr: C, port: 5060 },
    server: { addr: S, port: 5060 },
    segments: segments.map(([dir, t]) => ({ dir, data: bytes(t) })),
    ...over,
  };
}

const media = (src: string | null, dst: string, dport: number): Expectation => ({
  l4: "udp",
  src,
  sport: null,
  dst,
  dport,
});

describe("SIP calls (SDP media)", () => {
  it("expects RTP and RTCP towards each side's SDP address, from the peer", () => {
    const out = runFlow(
      sipHelper,
      flow([
        ["orig", invite(C, S, sdp(C, 20000))],
        ["reply", ok200(C, S, sdp(S, 30000))],
      ]),
    );
    expect(out.segments.map((s) => s.verdict)).toEqual(["accept", "accept"]);
    expect(out.expectations).toEqual([
      media(S, C, 20000),
      media(S, C, 20001),
      media(C, S, 30000),
      media(C, S, 30001),
    ]);
  });
  it("runs over TCP and IPv6 the same way", () => {
    const c6 = "2001:db8:1::2";
    const s6 = "2001:db8:2::5";
    const out = runFlow(
      sipHelper,
      flow([["orig", invite(`[${c6}]`, `[${s6}]`, sdp(c6, 20010, "IP6"), "TCP")]], {
        l4: "tcp",
        client: { addr: c6, port: 5060 },
        server: { addr: s6, port: 5060 },
      }),
    );
    expect(out.expectations).toEqual([media(s6, c6, 20010), media(s6, c6, 20011)]);
  });
  it("ignores media to another address (direct media), and takes the media c= over the session's", () => {
    const foreign = sdp("192.0.2.50", 20000);
    expect(runFlow(sipHelper, flow([["orig", invite(C, S, foreign)]])).expectations).toEqual([]);
    const override = sdp("192.0.2.77", 20000).replace("a=rtpmap", `c=IN IP4 ${C}\r\na=rtpmap`);
    expect(runFlow(sipHelper, flow([["orig", invite(C, S, override)]])).expectations).toHaveLength(
      2,
    );
    const off = runFlow(
      sipHelper,
      flow([["orig", invite(C, S, foreign)]], { config: { directMedia: false } }),
    );
    expect(off.expectations).toEqual([
      media(null, "192.0.2.50", 20000),
      media(null, "192.0.2.50", 20001),
    ]);
    const external = runFlow(
      sipHelper,
      flow([["orig", invite(C, S, foreign)]], {
        config: { directMedia: false, externalMedia: true, sameDeviceMedia: ["192.0.2.50"] },
      }),
    );
    expect(external.expectations).toEqual([]);
  });
  it("pairs an odd port down, skips port 0, drops a port below 1024 or media without c=", () => {
    const odd = runFlow(sipHelper, flow([["orig", invite(C, S, sdp(C, 20001))]]));
    expect(odd.expectations.map((e) => e.dport)).toEqual([20000, 20001]);
    expect(runFlow(sipHelper, flow([["orig", invite(C, S, sdp(C, 0))]])).expectations).toEqual([]);
    const low = runFlow(sipHelper, flow([["orig", invite(C, S, sdp(C, 1000))]]));
    expect(low.segments[0].verdict).toBe("drop");
    const noC = sdp(C, 20000).replace(`c=IN IP4 ${C}\r\n`, "");
    expect(runFlow(sipHelper, flow([["orig", invite(C, S, noC)]])).segments[0].verdict).toBe(
      "drop",
    );
    const hex = runFlow(
      sipHelper,
      flow([["orig", invite(C, S, sdp(C, 0).replace("audio 0", "audio 0x4e20"))]]),
    );
    expect(hex.expectations).toEqual([]);
  });
  it("processes at most 3 media lines and keeps at most 4 audio expectations live", () => {
    const four = `v=0\r\no=u 1 1 IN IP4 ${C}\r\nc=IN IP4 ${C}\r\n${[20000, 20002, 20004, 20006]
      .map((p) => `m=audio ${p} RTP/AVP 0\r\n`)
      .join("")}`;
    const trace = traceFlow(sipHelper, flow([["orig", invite(C, S, four)]]));
    expect(trace.outcome.expectations.map((e) => e.dport)).toEqual([
      20000, 20001, 20002, 20003, 20004, 20005,
    ]);
    expect(trace.liveAfter[0].map((e) => e.dport)).toEqual([20002, 20003, 20004, 20005]);
  });
  it("flushes media on BYE and on a failure answer to the INVITE's CSeq only", () => {
    const bye = `BYE sip:bob@${S} SIP/2.0\r\nVia: SIP/2.0/UDP ${C}:5060\r\nCSeq: 314160 BYE\r\n\r\n`;
    const t1 = traceFlow(
      sipHelper,
      flow([
        ["orig", invite(C, S, sdp(C, 20000))],
        ["orig", bye],
      ]),
    );
    expect(t1.liveAfter.map((l) => l.length)).toEqual([2, 0]);
    const busy = (cseq: string) => `SIP/2.0 486 Busy\r\nVia: x\r\nCSeq: ${cseq}\r\n\r\n`;
    const t2 = traceFlow(
      sipHelper,
      flow([
        ["orig", invite(C, S, sdp(C, 20000))],
        ["reply", busy("9 INVITE")],
        ["reply", busy("314159 INVITE")],
      ]),
    );
    expect(t2.liveAfter.map((l) => l.length)).toEqual([2, 2, 0]);
  });
  it("drops a handled request without a numeric CSeq and a response without a status", () => {
    const noCseq = invite(C, S, sdp(C, 20000)).replace("CSeq: 314159 INVITE\r\n", "");
    const bad = runFlow(
      sipHelper,
      flow([
        ["orig", "OPTIONS sip:x SIP/2.0\r\n\r\n"],
        ["orig", noCseq],
        ["orig", invite(C, S, "").replace("CSeq: 314159", "CSeq: abc")],
        ["reply", "SIP/2.0 abc OK\r\nCSeq: 1 INVITE\r\n\r\n"],
      ]),
    );
    expect(bad.segments.map((s) => s.verdict)).toEqual(["accept", "drop", "drop", "drop"]);
  });
});

describe("REGISTER", () => {
  const regFlow = (segments: [Segment["dir"], string][], over: Partial<Flow> = {}) =>
    traceFlow(sipHelper, flow(segments, over));
  it("expects the registrar's calls to the sender's Contact", () => {
    const t = regFlow([["orig", register(`<sip:alice@${C}:6101>`)]]);
    expect(t.outcome.expectations).toEqual([
      { l4: "udp", src: S, sport: null, dst: C, dport: 6101 },
    ]);
    const tcp = regFlow([["orig", register(`<sip:alice@${C}:6101>`)]], { l4: "tcp" });
    expect(tcp.outcome.expectations[0].l4).toBe("tcp");
    const any = regFlow([["orig", register(`<sip:alice@${C}:6101>`)]], {
      config: { directSignalling: false },
    });
    expect(any.outcome.expectations[0].src).toBeNull();
  });
  it("ignores third parties, other transports, zero expiry; expires= overrides Expires:", () => {
    const none = (contact: string, extra?: string) =>
      regFlow([["orig", register(contact, extra)]]).outcome.expectations;
    expect(none("<sip:bob@192.0.2.9:5060>")).toEqual([]);
    expect(none(`<sip:alice@${C}:6101;transport=tcp>`)).toEqual([]);
    expect(none(`<sip:alice@${C}:6101>`, "")).toEqual([]);
    expect(none(`<sip:alice@${C}:6101>;expires=0`)).toEqual([]);
    expect(none(`<sip:alice@${C}:6101>;expires=60`, "Expires: 0\r\n")).toHaveLength(1);
    expect(none(`<sip:alice@${C}:6120>;expires=0x10`)).toEqual([]);
    expect(none(`<sip:alice@${C}:6120>`, "Expires: 010\r\n")).toHaveLength(1);
  });
  it("drops an expires= without digits or above UINT_MAX (strict), and a bad Contact port (legacy)", () => {
    const verdict = (contact: string, config?: Record<string, unknown>) =>
      regFlow([["orig", register(contact)]], { config }).outcome.segments[0].verdict;
    expect(verdict(`<sip:alice@${C}:6101>;expires=`)).toBe("drop");
    expect(verdict(`<sip:alice@${C}:6101>;expires=4294967296`)).toBe("drop");
    expect(verdict(`<sip:alice@${C}:1000>`)).toBe("accept");
    expect(verdict(`<sip:alice@${C}:1000>`, { strictParsing: false })).toBe("drop");
  });
  it("reads base 0 numbers before the 2026 fix", () => {
    const legacy = regFlow([["orig", register(`<sip:alice@${C}:6120>;expires=0x10`)]], {
      config: { strictParsing: false },
    });
    expect(legacy.outcome.expectations).toHaveLength(1);
  });
  it("keeps the expectation on a 2xx naming it, flushes it otherwise", () => {
    const contact = `<sip:alice@${C}:6101>`;
    const live = (answer: string) =>
      regFlow([
        ["orig", register(contact)],
        ["reply", answer],
      ]).liveAfter[1].length;
    expect(live(reply("200 OK", 1, `${contact};expires=3600`))).toBe(1);
    expect(live(reply("403 Forbidden", 1))).toBe(0);
    expect(live(reply("200 OK", 1, `${contact};expires=0`))).toBe(0);
    expect(live(reply("200 OK", 1))).toBe(0);
    expect(live(reply("200 OK", 2))).toBe(1);
    expect(live(reply("100 Trying", 1))).toBe(1);
  });
});

describe("measured on 6.18.44 (docs/sip.md)", () => {
  const reg = (contact: string, extra?: string) =>
    runFlow(sipHelper, flow([["orig", register(contact, extra)]]));
  it("reads only the first parsable Contact header of a REGISTER, never its comma list", () => {
    expect(reg(`<sip:alice@${C}:1000>, <sip:alice@${C}:6208>`).expectations).toEqual([]);
    const later = register("<sip:alice@example.com>").replace(
      "Content-Length",
      `Contact: <sip:alice@${C}:6209>\r\nContent-Length`,
    );
    expect(runFlow(sipHelper, flow([["orig", later]])).expectations.map((e) => e.dport)).toEqual([
      6209,
    ]);
  });
  it("takes an Expires header above UINT_MAX as 0 and drops a spaced expires=", () => {
    expect(reg(`<sip:alice@${C}:6101>`, "Expires: 4294967296\r\n").expectations).toEqual([]);
    expect(reg(`<sip:alice@${C}:6101>;expires= 60`).segments[0].verdict).toBe("drop");
    expect(reg(`<sip:alice@${C}:6101>`, "Expires: \r\n").segments[0].verdict).toBe("accept");
  });
  it("ignores an IPv6 Contact without brackets and a port of 6 digits", () => {
    const c6 = "2001:db8:1::2";
    const v6 = runFlow(
      sipHelper,
      flow([["orig", register(`<sip:alice@${c6}>`, undefined, 1, `[${c6}]`)]], {
        client: { addr: c6, port: 5060 },
        server: { addr: "2001:db8:2::5", port: 5060 },
      }),
    );
    expect(v6.expectations).toEqual([]);
    expect(reg(`<sip:alice@${C}:065060>`).expectations).toEqual([]);
    expect(reg(`<sip:alice@${C}:05060>`).expectations.map((e) => e.dport)).toEqual([5060]);
  });
  it("reads CSeq 0x1 as 0, takes lowercase methods, evicts the first REGISTER's expectation", () => {
    const out = traceFlow(
      sipHelper,
      flow([
        ["orig", invite(C, S, sdp(C, 20000)).replace("CSeq: 314159 INVITE", "CSeq: 0x1 INVITE")],
        ["orig", register(`<sip:alice@${C}:6101>`).replace("REGISTER sip", "register sip")],
        ["orig", register(`<sip:alice@${C}:7000>`, undefined, 2)],
      ]),
    );
    expect(out.outcome.expectations.map((e) => e.dport)).toEqual([20000, 20001, 6101, 7000]);
    expect(out.liveAfter[2].map((e) => e.dport)).toEqual([20000, 20001, 7000]);
  });
  it("replaces the pair of a second identical m= line under NAT (same master, same class)", () => {
    const two = `v=0\r\no=u 1 1 IN IP4 ${C}\r\nc=IN IP4 ${C}\r\nm=audio 20000 RTP/AVP 0\r\nm=audio 20000 RTP/AVP 0\r\n`;
    const t = traceFlow(
      sipHelper,
      flow([["orig", invite(C, S, two)]], { nat: { client: { addr: N } } }),
    );
    expect(t.outcome.expectations.map((e) => e.dport)).toEqual([20000, 20001, 20000, 20001]);
    expect(t.liveAfter[0]).toHaveLength(2);
    const odd = runFlow(
      sipHelper,
      flow([["orig", invite(C, S, sdp(C, 6237))]], { nat: { client: { addr: N } } }),
    );
    expect(odd.expectations.map((e) => e.dport)).toEqual([6236, 6237]);
  });
  it("cuts a TCP message at a short Content-Length, and ignores it on UDP", () => {
    const body = sdp(C, 20000);
    const short = invite(C, S, body).replace(`Content-Length: ${body.length}`, "Content-Length: 3");
    expect(runFlow(sipHelper, flow([["orig", short]], { l4: "tcp" })).expectations).toEqual([]);
    expect(runFlow(sipHelper, flow([["orig", short]])).expectations).toHaveLength(2);
    const none = invite(C, S, body).replace(`Content-Length: ${body.length}\r\n`, "");
    expect(runFlow(sipHelper, flow([["orig", none]])).expectations).toHaveLength(2);
  });
  it("rewrites compact l: under NAT too", () => {
    const body = sdp(C, 20000);
    const compact = invite(C, S, body).replace("Content-Length:", "l:");
    const out = runFlow(sipHelper, flow([["orig", compact]], { nat: { client: { addr: N } } }));
    expect(text(out.segments[0].data)).toContain(`l: ${body.length + 4}\r\n`);
  });
});

describe("the first datagram", () => {
  it("takes its expectations with it when NAT drops it (no Content-Length to rewrite)", () => {
    const noLength = invite(C, S, sdp(C, 20000)).replace(/Content-Length: \d+\r\n/, "");
    const t = traceFlow(sipHelper, flow([["orig", noLength]], { nat: { client: { addr: N } } }));
    expect(t.outcome.segments[0].verdict).toBe("drop");
    expect(t.outcome.expectations).toHaveLength(2);
    expect(t.liveAfter[0]).toEqual([]);
    const plain = traceFlow(sipHelper, flow([["orig", noLength]]));
    expect(plain.liveAfter[0]).toHaveLength(2);
  });
  it("keeps earlier expectations when a later datagram is dropped", () => {
    const noLength = invite(C, S, sdp(C, 20002)).replace(/Content-Length: \d+\r\n/, "");
    const t = traceFlow(
      sipHelper,
      flow(
        [
          ["orig", register(`<sip:alice@${C}:6101>`)],
          ["orig", noLength],
        ],
        { nat: { client: { addr: N } } },
      ),
    );
    expect(t.outcome.segments.map((s) => s.verdict)).toEqual(["accept", "drop"]);
    expect(t.liveAfter[1].map((e) => e.dport)).toEqual([6101, 20002, 20003]);
  });
});

describe("the UDP entry after a dropped first datagram (D2/D3)", () => {
  const dropped = invite(C, S, sdp(C, 1000));
  const answer = "SIP/2.0 0 Zero\r\nCSeq: 1 INVITE\r\n\r\n";
  it("starts afresh with the next client datagram", () => {
    const out = runFlow(
      sipHelper,
      flow([
        ["orig", dropped],
        ["orig", answer],
      ]),
    );
    expect(out.segments.map((s) => s.verdict)).toEqual(["drop", "drop"]);
  });
  it("passes everything unchanged when the server speaks first (no helper on that entry)", () => {
    const out = runFlow(
      sipHelper,
      flow([
        ["orig", dropped],
        ["reply", answer],
        ["orig", answer],
        ["orig", invite(C, S, sdp(C, 20000))],
      ]),
    );
    expect(out.segments.map((s) => s.verdict)).toEqual(["drop", "accept", "accept", "accept"]);
    expect(out.expectations).toHaveLength(0);
  });
  it("drops that server datagram under NAT (no binding) and helps the next client one", () => {
    const out = runFlow(
      sipHelper,
      flow(
        [
          ["orig", dropped],
          ["reply", "SIP/2.0 100 Trying\r\nCSeq: 1 INVITE\r\n\r\n"],
          ["orig", invite(C, S, sdp(C, 20000))],
        ],
        { nat: { client: { addr: N } } },
      ),
    );
    expect(out.segments.map((s) => s.verdict)).toEqual(["drop", "drop", "accept"]);
    expect(out.expectations.map((e) => e.dst)).toEqual([N, N]);
  });
  it("destroys nothing when the flow starts with a server datagram", () => {
    const update = `UPDATE sip:a@${C} SIP/2.0\r\nCSeq: 2 UPDATE\r\n\r\nv=0\r\nc=IN IP4 ${S}\r\nm=audio 6000 RTP\r\nm=audio 1000 RTP\r\n`;
    const t = traceFlow(sipHelper, flow([["reply", update]]));
    expect(t.outcome.segments[0].verdict).toBe("drop");
    expect(t.liveAfter[0].map((e) => e.dport)).toEqual([6000, 6001]);
  });
});

describe("REGISTER under NAT with forced_dport", () => {
  it("gives the Contact that names the Via port the connection's own port", () => {
    const out = runFlow(
      sipHelper,
      flow([["orig", register(`<sip:1001@${C}:5060;transport=udp>`)]], {
        client: { addr: C, port: 51234 },
        nat: { client: { addr: N } },
      }),
    );
    expect(out.expectations).toEqual([{ l4: "udp", src: S, sport: null, dst: N, dport: 51234 }]);
    expect(text(out.segments[0].data)).toContain(`<sip:1001@${N}:51234;transport=udp>`);
  });
});

describe("TCP framing", () => {
  const tcp = (segments: [Segment["dir"], string][], over: Partial<Flow> = {}) =>
    runFlow(sipHelper, flow(segments, { l4: "tcp", ...over }));
  const reg = register(`<sip:alice@${C}:6138;transport=TCP>`);
  it("needs a Content-Length and takes several messages from the segment start", () => {
    const noLength = reg.replace("Content-Length: 0\r\n", "");
    expect(tcp([["orig", noLength]]).expectations).toEqual([]);
    const options = `OPTIONS sip:${S} SIP/2.0\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`;
    expect(tcp([["orig", options + reg]]).expectations).toHaveLength(1);
    expect(tcp([["orig", `XYZ\r\n${reg}`]]).expectations).toEqual([]);
  });
  it("frames an HTTP head by its own Content-Length (Slipstreaming)", () => {
    const http = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";
    expect(tcp([["orig", http + reg]]).expectations).toEqual([
      { l4: "tcp", src: S, sport: null, dst: C, dport: 6138 },
    ]);
    const head = `POST / HTTP/1.1\r\nContent-Length: 2000\r\n\r\n${"x".repeat(200)}`;
    expect(
      tcp([
        ["orig", head],
        ["orig", reg],
      ]).expectations,
    ).toHaveLength(1);
  });
  it("stops at a Content-Length larger than the rest (strict) or past UINT_MAX", () => {
    const body = sdp(C, 20000);
    const long = invite(C, S, body, "TCP").replace(
      `Content-Length: ${body.length}`,
      "Content-Length: 9999",
    );
    expect(tcp([["orig", long]]).expectations).toEqual([]);
    // 2^32 truncates to 0 before the fix: the "body" is then parsed as the next message.
    const wrap = `OPTIONS sip:x SIP/2.0\r\nContent-Length: ${2 ** 32}\r\n\r\n${reg}`;
    expect(tcp([["orig", wrap]]).expectations).toEqual([]);
    const legacy = tcp([["orig", wrap]], { config: { strictParsing: false } });
    expect(legacy.expectations).toHaveLength(1);
  });
});

describe("NAT (nf_nat_sip)", () => {
  it("rewrites the REPORT's INVITE: 453 → 468 bytes", () => {
    const sent = invite(C, S, sdp(C, 20000));
    expect(sent.length).toBe(453);
    const out = runFlow(sipHelper, flow([["orig", sent]], { nat: { client: { addr: N } } }));
    const got = text(out.segments[0].data);
    expect(got.length).toBe(468);
    expect(got).toContain(`Via: SIP/2.0/UDP ${N}:5060;branch`);
    expect(got).toContain(`From: Alice <sip:alice@${N}:5060>;tag`);
    expect(got).toContain(`Contact: <sip:alice@${N}:5060>`);
    expect(got).toContain(`o=u 1 1 IN IP4 ${N}\r\n`);
    expect(got).toContain(`c=IN IP4 ${N}\r\n`);
    expect(got).toContain("Content-Length: 116\r\n");
    expect(got).toContain(`INVITE sip:bob@${S} SIP/2.0`);
    expect(out.expectations).toEqual([media(S, N, 20000), media(S, N, 20001)]);
  });
  it("leaves From alone when 5060 is not the client port, and rewrites replies back", () => {
    const out = runFlow(
      sipHelper,
      flow(
        [
          ["orig", invite(C, S, sdp(C, 20000), "UDP", 5070)],
          [
            "reply",
            ok200(N, S, sdp(S, 30000)).replace(`${N}:5060`, `${N}:5070;rport=5070;received=${N}`),
          ],
        ],
        { client: { addr: C, port: 5070 }, nat: { client: { addr: N } } },
      ),
    );
    const first = text(out.segments[0].data);
    expect(first).toContain(`From: Alice <sip:alice@${C}>;tag`);
    expect(first).toContain(`Contact: <sip:alice@${N}:5070>`);
    const second = text(out.segments[1].data);
    expect(second).toContain(`Via: SIP/2.0/UDP ${C}:5070;rport=5070;received=${C};branch`);
    expect(out.expectations.slice(2)).toEqual([media(C, S, 30000), media(C, S, 30001)]);
  });
  it("sends a REGISTER's expectation to the NAT address and rewrites Contact and Via", () => {
    const out = runFlow(
      sipHelper,
      flow([["orig", register(`<sip:alice@${C}:6104>`)]], { nat: { client: { addr: N } } }),
    );
    expect(out.expectations).toEqual([{ l4: "udp", src: S, sport: null, dst: N, dport: 6104 }]);
    const got = text(out.segments[0].data);
    expect(got).toContain(`Contact: <sip:alice@${N}:6104>`);
    expect(got).toContain(`Via: SIP/2.0/UDP ${N}:5060;`);
  });
  it("moves a busy media pair to the next free one and rewrites the m= port", () => {
    const out = runFlow(
      sipHelper,
      flow(
        [
          ["orig", register(`<sip:alice@${C}:20000>`)],
          ["orig", invite(C, S, sdp(C, 20000))],
        ],
        { nat: { client: { addr: N } }, config: { directSignalling: false } },
      ),
    );
    // The signalling expectation (any source) clashes with the RTP one (source S).
    expect(out.expectations.map((e) => e.dport)).toEqual([20000, 20002, 20003]);
    const got = text(out.segments[1].data);
    expect(got).toContain("m=audio 20002 RTP/AVP 0");
    const body = got.slice(got.indexOf("v=0"));
    expect(got).toContain(`Content-Length: ${body.length}\r\n`);
  });
  it("drops a second media line of another class on the same port (-EALREADY under NAT)", () => {
    const two = `v=0\r\no=u 1 1 IN IP4 ${C}\r\nc=IN IP4 ${C}\r\nm=audio 20000 RTP/AVP 0\r\nm=video 20000 RTP/AVP 31\r\n`;
    const natted = runFlow(
      sipHelper,
      flow([["orig", invite(C, S, two)]], { nat: { client: { addr: N } } }),
    );
    expect(natted.segments[0].verdict).toBe("drop");
    const plain = runFlow(sipHelper, flow([["orig", invite(C, S, two)]]));
    expect(plain.segments[0].verdict).toBe("accept");
    expect(plain.expectations.map((e) => e.dport)).toEqual([20000, 20001]);
  });
  it("uses forced_dport for the receiver's address (Cisco phones)", () => {
    const msg = invite(C, S, sdp(C, 20000)).replace(`${C}:5060;branch`, `${C}:5062;branch`);
    const out = runFlow(
      sipHelper,
      flow([["orig", msg]], { client: { addr: C, port: 6154 }, nat: { client: { addr: N } } }),
    );
    const got = text(out.segments[0].data);
    expect(got).toContain(`INVITE sip:bob@${S}:5062 SIP/2.0`);
    expect(got).toContain(`To: Bob <sip:bob@${S}:5062>`);
  });
  it("adjusts TCP sequence numbers once per segment by the sum of the rewrites", () => {
    const a = invite(C, S, sdp(C, 20000), "TCP");
    const b = `OPTIONS sip:bob@${S} SIP/2.0\r\nVia: SIP/2.0/TCP ${C}:5060\r\nContact: <sip:${C}:5060>\r\nContent-Length: 0\r\n\r\n`;
    const out = runFlow(
      sipHelper,
      flow(
        [
          ["orig", a + b],
          ["orig", b],
        ],
        { l4: "tcp", nat: { client: { addr: N } } },
      ),
    );
    const grown = out.segments[0].data.length - (a + b).length;
    expect(grown).toBe(15 + 2 + 2);
    expect(out.segments[1].seq).toBe((a + b).length + grown);
  });
  it("skips the adjustment when a message runs past the segment, not when its length is too big", () => {
    const a = invite(C, S, sdp(C, 20000), "TCP");
    const next = `OPTIONS sip:bob@${S} SIP/2.0\r\nContent-Length: 0\r\n\r\n`;
    const run = (tail: string) =>
      runFlow(
        sipHelper,
        flow(
          [
            ["orig", a + tail],
            ["orig", next],
          ],
          { l4: "tcp", nat: { client: { addr: N } } },
        ),
      );
    const past = `OPTIONS sip:x SIP/2.0\r\nContent-Length: 10\r\n\r\nabc`;
    const cut = run(past);
    const grown = cut.segments[0].data.length - (a + past).length;
    expect(grown).toBe(15);
    expect(cut.segments[1].seq).toBe((a + past).length);
    const big = `OPTIONS sip:x SIP/2.0\r\nContent-Length: 500\r\n\r\nabc`;
    expect(run(big).segments[1].seq).toBe((a + big).length + 15);
  });
  it("leaves o= alone when no c= gave an address (2026-03 have_rtp_addr); before, the zeroed rtp_addr", () => {
    const bare = `v=0\r\no=- 1 1 IN IP4 ${C}\r\ns=-\r\nt=0 0\r\n`;
    const rewritten = (strictParsing: boolean) =>
      text(
        runFlow(
          sipHelper,
          flow([["orig", invite(C, S, bare)]], {
            nat: { client: { addr: N } },
            config: { strictParsing },
          }),
        ).segments[0].data,
      );
    expect(rewritten(true)).toContain(`o=- 1 1 IN IP4 ${C}\r\n`);
    expect(rewritten(false)).toContain("o=- 1 1 IN IP4 0.0.0.0\r\n");
  });
  it("rewrites IPv6 in brackets in headers and bare in SDP", () => {
    const c6 = "2001:db8:1::2";
    const s6 = "2001:db8:2::5";
    const n6 = "2001:db8:100::1";
    const out = runFlow(
      sipHelper,
      flow([["orig", invite(`[${c6}]`, `[${s6}]`, sdp(c6, 20000, "IP6"))]], {
        client: { addr: c6, port: 5060 },
        server: { addr: s6, port: 5060 },
        nat: { client: { addr: n6 } },
      }),
    );
    const got = text(out.segments[0].data);
    expect(got).toContain(`Via: SIP/2.0/UDP [${n6}]:5060;`);
    expect(got).toContain(`c=IN IP6 ${n6}\r\n`);
    expect(out.expectations[0]).toEqual(media(s6, n6, 20000));
  });
});

describe("never throws on bytes", () => {
  it("accepts or drops arbitrary payloads on both transports", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet =
      "INVITE SIP/2.0\r\nCSeq:1 Content-Length:0 Contact:<sip:198.18.1.2:5060>,;expires=v=0m=audio c=IN IP4 [::]";
    for (let i = 0; i < 300; i++) {
      let s = "";
      const n = rand() % 200;
      for (let k = 0; k < n; k++) s += alphabet[rand() % alphabet.length];
      for (const l4 of ["udp", "tcp"] as const) {
        const out = runFlow(
          sipHelper,
          flow(
            [
              ["orig", s],
              ["reply", s],
            ],
            { l4, nat: { client: { addr: N } } },
          ),
        );
        expect(out.segments).toHaveLength(2);
      }
    }
  });
});
