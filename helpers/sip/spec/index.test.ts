import { describe, expect, it } from "vitest";
import { type Dir, type Expectation, type Flow, FlowError, type L4 } from "../../core/model.ts";
import { sipSpec, sipSpecTrace } from "./index.ts";

// The REPORT's topology (kernel-oracle/REPORT.md §2): client, server, the client's SNAT.
const C = "198.18.1.2";
const S = "198.19.1.2";
const N = "198.19.1.100";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

interface FlowOptions {
  l4?: L4;
  nat?: boolean;
  config?: Record<string, unknown>;
  clientPort?: number;
}

function flow(segments: [Dir, string, number?][], options: FlowOptions = {}): Flow {
  return {
    helper: "sip",
    l4: options.l4 ?? "udp",
    client: { addr: C, port: options.clientPort ?? 5060 },
    server: { addr: S, port: 5060 },
    ...(options.config ? { config: options.config } : {}),
    ...(options.nat ? { nat: { client: { addr: N } } } : {}),
    segments: segments.map(([dir, data, seq]) => ({
      dir,
      data: bytes(data),
      ...(seq === undefined ? {} : { seq }),
    })),
  };
}

/** flows.py sdp(): one audio stream. */
function sdp(ip: string, media: string[] = ["audio 20000 RTP/AVP 0"], session = true): string {
  return (
    `v=0\r\no=u 1 1 IN IP4 ${ip}\r\ns=-\r\n${session ? `c=IN IP4 ${ip}\r\n` : ""}t=0 0\r\n` +
    media.map((m) => `m=${m}\r\na=rtpmap:0 PCMU/8000\r\n`).join("")
  );
}

/** A request from the client with its Content-Length; `extra` headers go before it. */
function request(method: string, cseq: number, body = "", extra: string[] = []): string {
  return (
    `${method} sip:bob@${S} SIP/2.0\r\n` +
    `Via: SIP/2.0/UDP ${C}:5060;branch=z9hG4bK776asdhds\r\n` +
    "Max-Forwards: 70\r\n" +
    `To: Bob <sip:bob@${S}>\r\n` +
    `From: Alice <sip:alice@${C}>;tag=1928301774\r\n` +
    `Call-ID: a84b4c76e66710@${C}\r\n` +
    `CSeq: ${cseq} ${method}\r\n` +
    `Contact: <sip:alice@${C}:5060>\r\n` +
    extra.map((line) => `${line}\r\n`).join("") +
    (body ? "Content-Type: application/sdp\r\n" : "") +
    `Content-Length: ${body.length}\r\n\r\n${body}`
  );
}

/** A response from the server. */
function response(status: string, cseq: string, body = "", extra: string[] = []): string {
  return (
    `SIP/2.0 ${status}\r\n` +
    `Via: SIP/2.0/UDP ${C}:5060;branch=z9hG4bK776asdhds\r\n` +
    `To: Bob <sip:bob@${S}>;tag=a6c85cf\r\n` +
    `From: Alice <sip:alice@${C}>;tag=1928301774\r\n` +
    `CSeq: ${cseq}\r\n` +
    extra.map((line) => `${line}\r\n`).join("") +
    `Content-Length: ${body.length}\r\n\r\n${body}`
  );
}

/** A REGISTER from the client; without an Expires header or expires= it expects nothing. */
function register(contact: string, extra: string[] = ["Expires: 3600"], cseq = 1): string {
  return (
    `REGISTER sip:${S} SIP/2.0\r\n` +
    `Via: SIP/2.0/UDP ${C}:5060;branch=z9hG4bKreg\r\n` +
    `To: <sip:alice@${S}>\r\nFrom: <sip:alice@${S}>;tag=1\r\n` +
    `CSeq: ${cseq} REGISTER\r\n${contact}\r\n` +
    extra.map((line) => `${line}\r\n`).join("") +
    "Content-Length: 0\r\n\r\n"
  );
}

const media = (dst: string, port: number, src: string | null = S): Expectation => ({
  l4: "udp",
  src,
  sport: null,
  dst,
  dport: port,
});
const pair = (dst: string, port: number, src: string | null = S) => [
  media(dst, port, src),
  media(dst, port + 1, src),
];
const signalling = (dst: string, port: number, l4: L4 = "udp", src: string | null = S) => ({
  l4,
  src,
  sport: null,
  dst,
  dport: port,
});
const verdicts = (f: Flow) => sipSpec(f).segments.map((s) => s.verdict);
const live = (f: Flow) => sipSpecTrace(f).liveAfter.map((set) => set.map((e) => e.dport));

describe("§6.1 config (docs/sip.md, config options)", () => {
  it("takes the contract's keys and names a bad one", () => {
    const invite = request("INVITE", 1, sdp(C));
    expect(() => sipSpec(flow([["orig", invite]], { config: { directMedia: "no" } }))).toThrow(
      /config\.directMedia must be a boolean/,
    );
    expect(() => sipSpec(flow([["orig", invite]], { config: { ports: [5060] } }))).toThrow(
      FlowError,
    );
    expect(() => sipSpec(flow([], { config: { sameDeviceMedia: ["nowhere"] } }))).toThrow(
      /sameDeviceMedia/,
    );
    expect(() => sipSpec({ ...flow([]), helper: "ftp" })).toThrow(FlowError);
  });
});

describe("§6.2 entry", () => {
  it("UDP: a datagram under 11 bytes is not looked at", () => {
    expect(verdicts(flow([["orig", "INVITE sip"]]))).toEqual(["accept"]);
    // 11 bytes: now an INVITE without CSeq ⇒ drop.
    expect(verdicts(flow([["orig", "INVITE sip:"]]))).toEqual(["drop"]);
  });
  it("UDP: the REPORT's INVITE expects RTP and RTCP toward the client from the server", () => {
    const outcome = sipSpec(flow([["orig", request("INVITE", 314159, sdp(C))]]));
    expect(outcome.expectations).toEqual(pair(C, 20000));
  });
  it("TCP: without Content-Length nothing is processed", () => {
    const invite = request("INVITE", 1, sdp(C)).replace(/Content-Length: \d+\r\n/, "");
    expect(sipSpec(flow([["orig", invite]], { l4: "tcp" })).expectations).toEqual([]);
    expect(sipSpec(flow([["orig", invite]])).expectations).toEqual(pair(C, 20000));
  });
  it("TCP: messages are found only from the segment start (§6.2, NAT Slipstreaming)", () => {
    const invite = request("INVITE", 1, sdp(C));
    const f = flow([["orig", `POST / HTTP/1.1\r\nX: ${invite}`]], { l4: "tcp" });
    expect(sipSpec(f).expectations).toEqual([]);
    // At a segment boundary the same bytes are a message.
    const split = flow(
      [
        ["orig", "POST / HTTP/1.1\r\nX: "],
        ["orig", invite],
      ],
      { l4: "tcp" },
    );
    expect(sipSpec(split).expectations).toEqual(pair(C, 20000));
  });
  it("TCP: an HTTP request framed by its own Content-Length is a message, the next one too", () => {
    const post = "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n";
    const f = flow([["orig", post + register(`Contact: <sip:alice@${C}:5070>`)]], { l4: "tcp" });
    expect(sipSpec(f).expectations).toEqual([signalling(C, 5070, "tcp")]);
  });
  it("TCP: several messages per segment; one that runs past the segment stops the walk", () => {
    const two = register(`Contact: <sip:alice@${C}:5070>`) + request("INVITE", 2, sdp(C));
    expect(sipSpec(flow([["orig", two]], { l4: "tcp" })).expectations).toEqual([
      signalling(C, 5070, "tcp"),
      ...pair(C, 20000),
    ]);
    const cut = request("INVITE", 2, sdp(C)).slice(0, -5);
    const partial = register(`Contact: <sip:alice@${C}:5070>`) + cut;
    expect(sipSpec(flow([["orig", partial]], { l4: "tcp" })).expectations).toEqual([
      signalling(C, 5070, "tcp"),
    ]);
  });
  it("TCP: no blank line after the Content-Length ⇒ nothing", () => {
    const f = flow([["orig", request("INVITE", 1, sdp(C)).replace("\r\n\r\n", "\r\n")]], {
      l4: "tcp",
    });
    expect(sipSpec(f).expectations).toEqual([]);
  });
  it("Part B 2026-03: a Content-Length ≥ 2^32 was cut to 32 bits, and the rest parsed as a message", () => {
    const decoy = `OPTIONS sip:${S} SIP/2.0\r\nContent-Length: 4294967306\r\n\r\n0123456789`;
    const segment = decoy + request("INVITE", 1, sdp(C));
    const old = { strictParsing: false };
    expect(sipSpec(flow([["orig", segment]], { l4: "tcp", config: old })).expectations).toEqual(
      pair(C, 20000),
    );
    const fixed = flow([["orig", segment]], { l4: "tcp" }); // 6.18.44: strictParsing
    expect(sipSpec(fixed).expectations).toEqual([]);
  });
});

describe("§6.2 UDP: a dropped first datagram leaves no conntrack", () => {
  it("its expectations go with it and the next datagram starts afresh (measured: inv2543)", () => {
    const noLength = request("INVITE", 1, sdp(C)).replace(/Content-Length: \d+\r\n/, "");
    const f = flow([["orig", noLength]], { nat: true });
    const trace = sipSpecTrace(f);
    expect(trace.outcome.segments[0].verdict).toBe("drop");
    expect(trace.outcome.expectations).toEqual(pair(N, 20000));
    expect(trace.liveAfter).toEqual([[]]);
    // Once a datagram was accepted, a later drop keeps what was expected.
    const later = flow(
      [
        ["orig", request("INVITE", 1, sdp(C))],
        ["orig", noLength],
      ],
      { nat: true },
    );
    expect(sipSpecTrace(later).liveAfter.map((set) => set.length)).toEqual([2, 2]);
    // A fresh conntrack has a fresh register_cseq: the 403 to CSeq 0 flushes nothing kept.
    const afresh = flow([
      ["orig", "INVITE sip:x SIP/2.0\r\n\r\n"],
      ["orig", register(`Contact: <sip:alice@${C}:5070>`, undefined, 7)],
    ]);
    expect(live(afresh)).toEqual([[], [5070]]);
  });
  it("then a server datagram first: a conntrack without the helper for the rest (corpus k99)", () => {
    const dropped = request("INVITE", 1, sdp(C, ["audio 1000 RTP/AVP 0"]));
    const f = flow([
      ["orig", dropped],
      ["reply", response("100 Trying", "1 INVITE")],
      // Each of these drops on a helped conntrack; here they pass untouched.
      ["orig", response("abc OK", "1 INVITE")],
      ["orig", dropped],
      ["orig", register(`Contact: <sip:alice@${C}:5070>`)],
    ]);
    const outcome = sipSpec(f);
    expect(outcome.segments.map((s) => s.verdict)).toEqual([
      "drop",
      "accept",
      "accept",
      "accept",
      "accept",
    ]);
    expect(outcome.segments.map((s) => text(s.data))).toEqual(f.segments.map((s) => text(s.data)));
    expect(outcome.expectations).toEqual([]);
    // Without the drop, the same datagrams are helped: the REGISTER expects.
    const helped = flow([
      ["orig", request("OPTIONS", 1)],
      ["reply", response("100 Trying", "1 INVITE")],
      ["orig", register(`Contact: <sip:alice@${C}:5070>`)],
    ]);
    expect(sipSpec(helped).expectations).toEqual([signalling(C, 5070)]);
  });
  it("under SNAT that server datagram has no binding and drops; the next client one is helped afresh (corpus k9b)", () => {
    const dropped = request("INVITE", 1, sdp(C, ["audio 1000 RTP/AVP 0"]));
    const trying = response("100 Trying", "1 INVITE").replace(`${C}:5060`, `${N}:5060`);
    const f = flow(
      [
        ["orig", dropped],
        ["reply", trying],
        ["reply", trying],
        ["orig", request("INVITE", 2, sdp(C))],
      ],
      { nat: true },
    );
    const outcome = sipSpec(f);
    expect(outcome.segments.map((s) => s.verdict)).toEqual(["drop", "drop", "drop", "accept"]);
    // The dropped reply is reported as it came in, not rewritten back to the client.
    expect(text(outcome.segments[1].data)).toBe(trying);
    expect(text(outcome.segments[3].data)).toContain(`Via: SIP/2.0/UDP ${N}:5060;`);
    expect(outcome.expectations).toEqual(pair(N, 20000));
  });
});

describe("§6.2 UDP: a flow opened by the server has its conntrack already (D3)", () => {
  // The kernel target sends an empty client datagram first (docs/kernel-target.md).
  const serverInvite = (via: string, ports: string[]) =>
    `INVITE sip:alice@${C} SIP/2.0\r\nVia: SIP/2.0/UDP ${via};branch=z9hG4bKs\r\n` +
    `To: <sip:alice@${C}>\r\nFrom: <sip:bob@${S}>;tag=2\r\nCall-ID: 9@${S}\r\n` +
    `CSeq: 4 INVITE\r\nContent-Type: application/sdp\r\n` +
    `Content-Length: ${sdp(S, ports).length}\r\n\r\n${sdp(S, ports)}`;
  it("a dropped first reply keeps the expectations it made (corpus k9a)", () => {
    const invite = serverInvite(`${S}:5060`, ["audio 30000 RTP/AVP 0", "audio 1000 RTP/AVP 0"]);
    const trace = sipSpecTrace(flow([["reply", invite]]));
    expect(trace.outcome.segments[0].verdict).toBe("drop");
    expect(trace.outcome.expectations).toEqual(pair(S, 30000, C));
    expect(trace.liveAfter).toEqual([pair(S, 30000, C)]);
  });
  it("and its forced_dport: the client's later Via naming the server gets it (D3, seed 11)", () => {
    const invite = serverInvite(`${S}:6741`, ["audio 1000 RTP/AVP 0"]);
    const ok = `SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP ${S}:5060;branch=z9hG4bKs\r\nCSeq: 4 INVITE\r\n\r\n`;
    const outcome = sipSpec(
      flow(
        [
          ["reply", invite],
          ["orig", ok],
        ],
        { nat: true },
      ),
    );
    expect(outcome.segments.map((s) => s.verdict)).toEqual(["drop", "accept"]);
    expect(text(outcome.segments[1].data)).toContain(`Via: SIP/2.0/UDP ${S}:6741;`);
  });
});

describe("§6.3 header recognition", () => {
  it("compact forms, any case, folding", () => {
    const body = sdp(C);
    const invite =
      `invite sip:bob@${S} SIP/2.0\r\nv: SIP/2.0/UDP ${C}:5060\r\ncseq\r\n : 7 INVITE\r\n` +
      `m: <sip:alice@${C}>\r\nl: ${body.length}\r\n\r\n${body}`;
    expect(sipSpec(flow([["orig", invite]], { l4: "tcp" })).expectations).toEqual(pair(C, 20000));
  });
  it("Part B 2022-09: Contact walking skips an unparsable Contact (host name)", () => {
    const msg = register(`Contact: <sip:alice@pc33.example.com>\r\nContact: <sip:alice@${C}:5070>`);
    expect(sipSpec(flow([["orig", msg]])).expectations).toEqual([signalling(C, 5070)]);
  });
  it("Part B: numeric parameters are base 0 before 2026-04 (expires=0x10), base 10 since", () => {
    const hex = register(`Contact: <sip:alice@${C}:5070>;expires=0x0`);
    // 0x0 = 0 ⇒ no expectation; base 10 reads "0" too; "010" is 8 or 10, both non-zero.
    expect(sipSpec(flow([["orig", hex]])).expectations).toEqual([]);
    const octal = register(`Contact: <sip:alice@${C}:5070>;expires=08`, ["Expires: 60"]);
    // Base 0: "08" is octal "0" then '8' stops ⇒ 0 ⇒ none; base 10: 8 ⇒ expect.
    const old = { strictParsing: false };
    expect(sipSpec(flow([["orig", octal]], { config: old })).expectations).toEqual([]);
    expect(sipSpec(flow([["orig", octal]])).expectations).toEqual([signalling(C, 5070)]);
    // Measured on 6.18.44: expires=0x10 is read as 0 ⇒ nothing.
    const hex16 = register(`Contact: <sip:alice@${C}:5070>;expires=0x10`);
    expect(sipSpec(flow([["orig", hex16]])).expectations).toEqual([]);
    expect(sipSpec(flow([["orig", hex16]], { config: old })).expectations).toEqual([
      signalling(C, 5070),
    ]);
  });
  it("Part B 2023-07: expires= without digits drops the REGISTER (§6.7)", () => {
    const empty = register(`Contact: <sip:alice@${C}:5070>;expires=`);
    expect(verdicts(flow([["orig", empty]]))).toEqual(["drop"]);
  });
  it("§6.3 stable: a Contact port outside 1024–65535 is malformed ⇒ REGISTER drops; 2026-04 skips it", () => {
    const low = register(`Contact: <sip:alice@${C}:80>`);
    expect(verdicts(flow([["orig", low]], { config: { strictParsing: false } }))).toEqual(["drop"]);
    expect(verdicts(flow([["orig", low]]))).toEqual(["accept"]);
    expect(sipSpec(flow([["orig", low]])).expectations).toEqual([]);
  });
});

describe("§6.4 dispatch", () => {
  it("a response needs a status code and a numeric CSeq (§6.7)", () => {
    expect(verdicts(flow([["reply", "SIP/2.0 abc OK\r\nCSeq: 1 INVITE\r\n\r\n"]]))).toEqual([
      "drop",
    ]);
    expect(verdicts(flow([["reply", "SIP/2.0 200 OK\r\nTo: x\r\n\r\n"]]))).toEqual(["drop"]);
    expect(verdicts(flow([["reply", "SIP/2.0 200 OK\r\nCSeq: x INVITE\r\n\r\n"]]))).toEqual([
      "drop",
    ]);
    expect(verdicts(flow([["reply", "SIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n\r\n"]]))).toEqual([
      "accept",
    ]);
  });
  it("a handled request needs a CSeq; other methods need none", () => {
    expect(verdicts(flow([["orig", `BYE sip:bob@${S} SIP/2.0\r\n\r\n`]]))).toEqual(["drop"]);
    expect(verdicts(flow([["orig", `OPTIONS sip:bob@${S} SIP/2.0\r\n\r\n`]]))).toEqual(["accept"]);
    // The method must be followed by ' ' and a letter.
    expect(verdicts(flow([["orig", `BYE  sip:bob@${S} SIP/2.0\r\n\r\n`]]))).toEqual(["accept"]);
  });
  it("a CSeq above UINT_MAX drops: as a 0 not written '0' before 2026-04, as a failure since", () => {
    const big = `BYE sip:bob@${S} SIP/2.0\r\nCSeq: 4294967296 BYE\r\n\r\n`;
    const old = { config: { strictParsing: false } };
    expect(verdicts(flow([["orig", big]], old))).toEqual(["drop"]);
    expect(verdicts(flow([["orig", big.replace("4294967296", "0")]], old))).toEqual(["accept"]);
    expect(verdicts(flow([["orig", big.replace("4294967296", "4294967297")]], old))).toEqual([
      "accept",
    ]);
    expect(verdicts(flow([["orig", big.replace("4294967296", "4294967297")]]))).toEqual(["drop"]);
    expect(verdicts(flow([["orig", big.replace("4294967296", "0x1")]]))).toEqual(["accept"]);
  });
});

describe("§6.5 calls and SDP", () => {
  it("the 200 OK's SDP expects toward the server from the client", () => {
    const f = flow([
      ["orig", request("INVITE", 1, sdp(C))],
      ["reply", response("200 OK", "1 INVITE", sdp(S, ["audio 30000 RTP/AVP 0"]))],
    ]);
    expect(sipSpec(f).expectations).toEqual([...pair(C, 20000), ...pair(S, 30000, C)]);
  });
  it("INVITE flushes the media first; BYE flushes; a non-2xx to the INVITE's CSeq flushes", () => {
    const f = flow([
      ["orig", request("INVITE", 1, sdp(C))],
      ["orig", request("INVITE", 2, sdp(C, ["audio 22000 RTP/AVP 0"]))],
      ["orig", request("BYE", 3)],
      ["orig", request("INVITE", 4, sdp(C))],
      ["reply", response("486 Busy Here", "3 INVITE")],
      ["reply", response("486 Busy Here", "4 INVITE")],
    ]);
    expect(live(f)).toEqual([
      [20000, 20001],
      [22000, 22001],
      [],
      [20000, 20001],
      [20000, 20001],
      [],
    ]);
  });
  it("direct media: an SDP address other than the sender's expects nothing", () => {
    const other = request("INVITE", 1, sdp("198.18.1.9"));
    expect(sipSpec(flow([["orig", other]])).expectations).toEqual([]);
    const indirect = flow([["orig", other]], { config: { directMedia: false } });
    expect(sipSpec(indirect).expectations).toEqual(pair("198.18.1.9", 20000, null));
  });
  it("external media: no expectation for an address routed out of the same device", () => {
    const config = { directMedia: false, externalMedia: true, sameDeviceMedia: ["198.18.1.9"] };
    const f = flow([["orig", request("INVITE", 1, sdp("198.18.1.9"))]], { config });
    expect(sipSpec(f).expectations).toEqual([]);
    const g = flow([["orig", request("INVITE", 1, sdp("198.18.1.8"))]], { config });
    expect(sipSpec(g).expectations).toEqual(pair("198.18.1.8", 20000, null));
  });
  it("ports: RTP even, RTCP next; 0 inactive; < 1024 or > 65535 drops (§6.7)", () => {
    const odd = flow([["orig", request("INVITE", 1, sdp(C, ["audio 20001 RTP/AVP 0"]))]]);
    expect(sipSpec(odd).expectations).toEqual(pair(C, 20000));
    const inactive = flow([["orig", request("INVITE", 1, sdp(C, ["audio 0 RTP/AVP 0"]))]]);
    expect(sipSpec(inactive).expectations).toEqual([]);
    for (const port of [1023, 65536]) {
      const bad = flow([["orig", request("INVITE", 1, sdp(C, [`audio ${port} RTP/AVP 0`]))]]);
      expect(verdicts(bad)).toEqual(["drop"]);
    }
  });
  it("media without any c= drops; a media c= overrides the session's", () => {
    const none = flow([["orig", request("INVITE", 1, sdp(C, undefined, false))]]);
    expect(verdicts(none)).toEqual(["drop"]);
    const own = sdp("198.18.1.9").replace("a=rtpmap", `c=IN IP4 ${C}\r\na=rtpmap`);
    expect(sipSpec(flow([["orig", request("INVITE", 1, own)]])).expectations).toEqual(
      pair(C, 20000),
    );
  });
  it("at most 3 audio/video/image media; others and inactive ones do not count", () => {
    const streams = [
      "text 5000 RTP/AVP 0",
      "audio 0 RTP/AVP 0",
      "audio 20000 RTP/AVP 0",
      "video 20002 RTP/AVP 31",
      "image 20004 udptl t38",
      "audio 20006 RTP/AVP 0",
    ];
    const outcome = sipSpec(flow([["orig", request("INVITE", 1, sdp(C, streams))]]));
    expect(outcome.expectations.map((e) => e.dport)).toEqual([
      20000, 20001, 20002, 20003, 20004, 20005,
    ]);
  });
  it("§6.1 max_expected: audio keeps the 4 newest; an identical pair of another class is -EALREADY", () => {
    const streams = ["audio 20000 RTP/AVP 0", "audio 20002 RTP/AVP 0", "audio 20004 RTP/AVP 0"];
    const f = flow([["orig", request("INVITE", 1, sdp(C, streams))]]);
    expect(live(f)).toEqual([[20002, 20003, 20004, 20005]]);
    expect(sipSpec(f).expectations).toHaveLength(6);
    const same = flow([
      ["orig", request("INVITE", 1, sdp(C, ["audio 20000 RTP/AVP 0", "video 20000 RTP/AVP 0"]))],
    ]);
    expect(sipSpec(same).expectations).toEqual(pair(C, 20000));
    expect(verdicts(same)).toEqual(["accept"]);
  });
});

describe("§6.6 REGISTER", () => {
  const contact = `Contact: <sip:alice@${C}:5070>`;
  it("expects the registrar toward the Contact; a 2xx keeps it, a non-2xx flushes it", () => {
    const ok = flow([
      ["orig", register(contact, ["Expires: 3600"])],
      ["reply", response("200 OK", "1 REGISTER", "", [`${contact};expires=3600`])],
    ]);
    expect(sipSpec(ok).expectations).toEqual([signalling(C, 5070)]);
    expect(live(ok)).toEqual([[5070], [5070]]);
    const refused = flow([
      ["orig", register(contact)],
      ["reply", response("403 Forbidden", "1 REGISTER")],
    ]);
    expect(live(refused)).toEqual([[5070], []]);
  });
  it("a response to another CSeq is ignored; a 1xx is ignored", () => {
    const f = flow([
      ["orig", register(contact)],
      ["reply", response("403 Forbidden", "2 REGISTER")],
      ["reply", response("100 Trying", "1 REGISTER")],
    ]);
    expect(live(f)).toEqual([[5070], [5070], [5070]]);
  });
  it("a 2xx whose Contact has expires=0 or is missing flushes", () => {
    const zero = flow([
      ["orig", register(contact)],
      ["reply", response("200 OK", "1 REGISTER", "", [`${contact};expires=0`])],
    ]);
    expect(live(zero)).toEqual([[5070], []]);
    const gone = flow([
      ["orig", register(contact)],
      ["reply", response("200 OK", "1 REGISTER")],
    ]);
    expect(live(gone)).toEqual([[5070], []]);
  });
  it("no Expires header and no expires= parameter: expires is 0, nothing expected", () => {
    expect(sipSpec(flow([["orig", register(contact, [])]])).expectations).toEqual([]);
    const param = register(`${contact};expires=60`, []);
    expect(sipSpec(flow([["orig", param]])).expectations).toEqual([signalling(C, 5070)]);
  });
  it("third-party, expires 0 and a foreign transport expect nothing", () => {
    for (const msg of [
      register("Contact: <sip:bob@198.18.1.9:5070>"),
      register(contact, ["Expires: 0"]),
      register(`${contact};expires=0`, ["Expires: 60"]),
      register(`Contact: <sip:alice@${C}:5070;transport=tcp>`),
    ]) {
      expect(sipSpec(flow([["orig", msg]])).expectations).toEqual([]);
    }
    const tcp = register(`Contact: <sip:alice@${C}:5070;transport=TCP>`);
    expect(sipSpec(flow([["orig", tcp]], { l4: "tcp" })).expectations).toEqual([
      signalling(C, 5070, "tcp"),
    ]);
  });
  it("without direct signalling anyone may call in; signalling max_expected is 1", () => {
    const f = flow(
      [
        ["orig", register(contact)],
        ["orig", register(`Contact: <sip:alice@${C}:5072>`, undefined, 2)],
      ],
      { config: { directSignalling: false } },
    );
    expect(sipSpec(f).expectations).toEqual([
      signalling(C, 5070, "udp", null),
      signalling(C, 5072, "udp", null),
    ]);
    expect(live(f)).toEqual([[5070], [5072]]);
  });
});

describe("§6.8 NAT rewrite", () => {
  it("REPORT: the INVITE grows 453 → 468 B; Via, Contact, o=, c= rewritten, CL 112 → 116, From gains :5060", () => {
    const invite = request("INVITE", 314159, sdp(C));
    expect(invite.length).toBe(453);
    const outcome = sipSpec(flow([["orig", invite]], { nat: true }));
    const out = text(outcome.segments[0].data);
    expect(out.length).toBe(468);
    expect(out).toContain(`Via: SIP/2.0/UDP ${N}:5060;branch=`);
    expect(out).toContain(`From: Alice <sip:alice@${N}:5060>;tag=`);
    expect(out).toContain(`Contact: <sip:alice@${N}:5060>`);
    expect(out).toContain(`To: Bob <sip:bob@${S}>\r\n`);
    expect(out).toContain(`INVITE sip:bob@${S} SIP/2.0`);
    expect(out).toContain("Content-Length: 116\r\n");
    expect(out).toContain(`o=u 1 1 IN IP4 ${N}\r\n`);
    expect(out).toContain(`c=IN IP4 ${N}\r\n`);
    expect(out).toContain(`Call-ID: a84b4c76e66710@${C}`);
    expect(outcome.expectations).toEqual(pair(N, 20000));
  });
  it("a response toward the client: Via naming the NAT address and received= go back to the client", () => {
    const reply = response("200 OK", "1 INVITE", "", []).replace(
      `${C}:5060;branch`,
      `${N}:5060;received=${N};branch`,
    );
    const out = text(sipSpec(flow([["reply", reply]], { nat: true })).segments[0].data);
    expect(out).toContain(`Via: SIP/2.0/UDP ${C}:5060;received=${C};branch`);
  });
  it("REGISTER: the Contact names the NAT address and the port nf_nat_exp_find_port chose", () => {
    const f = flow([["orig", register(`Contact: <sip:alice@${C}:5070>;expires=60`)]], {
      nat: true,
    });
    const outcome = sipSpec(f);
    expect(outcome.expectations).toEqual([signalling(N, 5070)]);
    expect(text(outcome.segments[0].data)).toContain(`Contact: <sip:alice@${N}:5070>;expires=60`);
  });
  it("TCP: one sequence adjustment per segment, recorded at its end", () => {
    const invite = request("INVITE", 1, sdp(C)).replace("SIP/2.0/UDP", "SIP/2.0/TCP");
    const f = flow(
      [
        ["orig", invite + invite.replace("CSeq: 1", "CSeq: 2")],
        ["orig", "OPTIONS x"],
      ],
      { l4: "tcp", nat: true },
    );
    const outcome = sipSpec(f);
    expect(outcome.segments[0].data.length).toBe(2 * invite.length + 30);
    expect(outcome.segments[0].seq).toBe(0);
    expect(outcome.segments[1].seq).toBe(2 * invite.length + 30);
  });
  it("TCP: a rewritten message followed by one that runs past the segment records no adjustment", () => {
    const invite = request("INVITE", 1, sdp(C)).replace("SIP/2.0/UDP", "SIP/2.0/TCP");
    const cut = request("INVITE", 2, sdp(C)).slice(0, -5);
    const outcome = sipSpec(
      flow(
        [
          ["orig", invite + cut],
          ["orig", "OPTIONS x"],
        ],
        { l4: "tcp", nat: true },
      ),
    );
    expect(text(outcome.segments[0].data)).toContain(`Via: SIP/2.0/TCP ${N}:5060`);
    expect(outcome.segments[1].seq).toBe(invite.length + cut.length);
  });
  it("on TCP only a TCP Via is rewritten (SIP_HDR_VIA_TCP), a UDP one stays", () => {
    const invite = request("INVITE", 1);
    const out = text(sipSpec(flow([["orig", invite]], { nat: true, l4: "tcp" })).segments[0].data);
    expect(out).toContain(`Via: SIP/2.0/UDP ${C}:5060;`);
    expect(out).toContain(`Contact: <sip:alice@${N}:5060>`);
  });
  it("an SDP without o= drops under NAT (nf_nat_sdp_session) and passes without", () => {
    const noOwner = sdp(C).replace(/o=[^\r]*\r\n/, "");
    const invite = request("INVITE", 1, noOwner);
    expect(verdicts(flow([["orig", invite]], { nat: true }))).toEqual(["drop"]);
    expect(verdicts(flow([["orig", invite]]))).toEqual(["accept"]);
  });
  it("forced_dport: a UDP Via with another port names where replies go; on TCP a reply then drops", () => {
    const cisco = request("INVITE", 1).replace(`${C}:5060;branch`, `${C}:5062;branch`);
    const later = response("180 Ringing", "1 INVITE");
    const udp = flow(
      [
        ["orig", cisco],
        ["reply", later],
      ],
      { nat: true },
    );
    expect(verdicts(udp)).toEqual(["accept", "accept"]);
    // The Request-URI names the server on 5060 = the receiver: mapped to forced_dport.
    expect(text(sipSpec(udp).segments[0].data)).toContain(`INVITE sip:bob@${S}:5062 SIP/2.0`);
    const tcp = flow(
      [
        ["orig", cisco],
        ["reply", later],
      ],
      { nat: true, l4: "tcp" },
    );
    expect(verdicts(tcp)).toEqual(["accept", "drop"]);
  });
});

describe("§6.9 NAT media ports", () => {
  it("a clash moves RTP/RTCP up by 2 and rewrites m= and Content-Length", () => {
    const f = flow(
      [
        ["orig", register(`Contact: <sip:alice@${C}:20000>`)],
        ["orig", request("INVITE", 2, sdp(C))],
      ],
      { nat: true, config: { directMedia: false } },
    );
    const outcome = sipSpec(f);
    expect(outcome.expectations).toEqual([signalling(N, 20000), ...pair(N, 20002, null)]);
    const out = text(outcome.segments[1].data);
    expect(out).toContain("m=audio 20002 RTP/AVP 0");
    const body = out.slice(out.indexOf("\r\n\r\n") + 4);
    expect(out).toContain(`Content-Length: ${body.length}\r\n`);
  });
  it("the REGISTER's port search steps past a media pair (nf_nat_exp_find_port)", () => {
    const f = flow(
      [
        ["orig", request("INVITE", 1, sdp(C))],
        ["orig", register(`Contact: <sip:alice@${C}:20000>`, undefined, 2)],
      ],
      { nat: true, config: { directSignalling: false } },
    );
    const outcome = sipSpec(f);
    expect(outcome.expectations).toEqual([...pair(N, 20000), signalling(N, 20002, "udp", null)]);
    expect(text(outcome.segments[1].data)).toContain(`Contact: <sip:alice@${N}:20002>`);
  });
  it("an identical pair of another media class under NAT is 'all ports in use' ⇒ drop", () => {
    const streams = ["audio 20000 RTP/AVP 0", "video 20000 RTP/AVP 0"];
    const f = flow([["orig", request("INVITE", 1, sdp(C, streams))]], { nat: true });
    expect(verdicts(f)).toEqual(["drop"]);
  });
});

describe("IPv6", () => {
  it("bracketed URIs, IN IP6, and the %pI6c rewrite", () => {
    const c6 = "2001:db8::2";
    const s6 = "2001:db8:1::5";
    const n6 = "2001:db8:2::1";
    const body = `v=0\r\no=u 1 1 IN IP6 ${c6}\r\ns=-\r\nc=IN IP6 ${c6}\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0\r\n`;
    const invite =
      `INVITE sip:bob@[${s6}] SIP/2.0\r\nVia: SIP/2.0/UDP [${c6}]:5060\r\nCSeq: 1 INVITE\r\n` +
      `Contact: <sip:alice@[2001:DB8:0::2]>\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const f: Flow = {
      helper: "sip",
      l4: "udp",
      client: { addr: c6, port: 5060 },
      server: { addr: s6, port: 5060 },
      nat: { client: { addr: n6 } },
      segments: [{ dir: "orig", data: bytes(invite) }],
    };
    const outcome = sipSpec(f);
    expect(outcome.expectations).toEqual(pair(n6, 20000, s6));
    const out = text(outcome.segments[0].data);
    expect(out).toContain(`Via: SIP/2.0/UDP [${n6}]:5060\r\n`);
    expect(out).toContain(`Contact: <sip:alice@[${n6}]:5060>`);
    expect(out).toContain(`c=IN IP6 ${n6}\r\n`);
  });
});

describe("measured on 6.18.44 (docs/sip.md, What 6.18.44 does that surprised us)", () => {
  const exps = (msg: string, options: FlowOptions = {}) =>
    sipSpec(flow([["orig", msg]], options)).expectations;
  it("REGISTER reads the first parsable Contact header, never its comma list", () => {
    expect(exps(register(`Contact: <sip:alice@${C}:1000>, <sip:alice@${C}:6208>`))).toEqual([]);
  });
  it("Expires: 010 expects, 0x10 and empty do not; ';expires= 60' drops", () => {
    const contact = `Contact: <sip:alice@${C}:6101>`;
    expect(exps(register(contact, ["Expires: 010"]))).toEqual([signalling(C, 6101)]);
    expect(exps(register(contact, ["Expires: 0x10"]))).toEqual([]);
    expect(exps(register(contact, ["Expires: "]))).toEqual([]);
    expect(verdicts(flow([["orig", register(`${contact};expires= 60`)]]))).toEqual(["drop"]);
  });
  it("Contact ports: 6 digits, 1023, 70000 and ':' alone expect nothing; 05060 is 5060", () => {
    for (const port of ["065060", "1023", "70000", ""]) {
      expect(exps(register(`Contact: <sip:alice@${C}:${port}>`))).toEqual([]);
    }
    expect(exps(register(`Contact: <sip:alice@${C}:05060>`))).toEqual([signalling(C, 5060)]);
  });
  it("a Contact address at the very end of the datagram is malformed", () => {
    const msg = `REGISTER sip:${S} SIP/2.0\r\nCSeq: 1 REGISTER\r\nExpires: 60\r\nContact: sip:alice@${C}`;
    expect(exps(msg)).toEqual([]);
    expect(exps(`${msg}\r\n`)).toEqual([signalling(C, 5060)]);
  });
  it("the From URI gains :5060 only when 5060 is the client's port", () => {
    const invite = request("INVITE", 1).replaceAll(`${C}:5060`, `${C}:5070`);
    const out = text(
      sipSpec(flow([["orig", invite]], { nat: true, clientPort: 5070 })).segments[0].data,
    );
    expect(out).toContain(`From: Alice <sip:alice@${C}>;tag=`);
    expect(out).toContain(`Via: SIP/2.0/UDP ${N}:5070;`);
  });
  it("forced_dport: the Request-URI and To naming the server get its port", () => {
    const invite = request("INVITE", 1).replace(`${C}:5060;branch`, `${C}:5062;branch`);
    const out = text(
      sipSpec(flow([["orig", invite]], { nat: true, clientPort: 6154 })).segments[0].data,
    );
    expect(out).toContain(`INVITE sip:bob@${S}:5062 SIP/2.0`);
    expect(out).toContain(`To: Bob <sip:bob@${S}:5062>`);
    expect(out).toContain(`Via: SIP/2.0/UDP ${C}:5062;`);
  });
  it("REGISTER with forced_dport under SNAT: the Contact takes the client's port", () => {
    const msg = register(`Contact: <sip:1001@${C}:5060;transport=udp>`);
    const outcome = sipSpec(flow([["orig", msg]], { nat: true, clientPort: 51234 }));
    expect(outcome.expectations).toEqual([signalling(N, 51234)]);
    expect(text(outcome.segments[0].data)).toContain(
      `Contact: <sip:1001@${N}:51234;transport=udp>`,
    );
    expect(exps(msg, { clientPort: 51234 })).toEqual([signalling(C, 5060)]);
  });
  it("a reply's Via naming the NAT address, with rport and received, goes back to the client", () => {
    const reply = response("200 OK", "1 INVITE").replace(
      `${C}:5060;branch`,
      `${N}:6162;rport=6162;received=${N};branch`,
    );
    const f = flow([["reply", reply]], { nat: true, clientPort: 6162 });
    expect(text(sipSpec(f).segments[0].data)).toContain(
      `Via: SIP/2.0/UDP ${C}:6162;rport=6162;received=${C};branch`,
    );
  });
  it("TCP: a Content-Length shorter than the body cuts the SDP off", () => {
    const invite = request("INVITE", 1, sdp(C)).replace(/Content-Length: \d+/, "Content-Length: 3");
    expect(exps(invite, { l4: "tcp" })).toEqual([]);
    expect(exps(invite)).toEqual(pair(C, 20000));
  });
  it("two m=audio 20000 under NAT: the second pair replaces the first", () => {
    const streams = ["audio 20000 RTP/AVP 0", "audio 20000 RTP/AVP 0"];
    const f = flow([["orig", request("INVITE", 1, sdp(C, streams))]], { nat: true });
    expect(sipSpec(f).expectations).toEqual([...pair(N, 20000), ...pair(N, 20000)]);
    expect(live(f)).toEqual([[20000, 20001]]);
  });
  it("a status code or CSeq beyond UINT_MAX drops", () => {
    expect(verdicts(flow([["reply", response("4294967301 Huge", "1 INVITE")]]))).toEqual(["drop"]);
    expect(verdicts(flow([["reply", response("200 OK", "4294967296 INVITE")]]))).toEqual(["drop"]);
  });
  it("TCP+SNAT: a Content-Length past the segment breaks the loop, so the seqadj is recorded", () => {
    const invite = request("INVITE", 1, sdp(C)).replace("SIP/2.0/UDP", "SIP/2.0/TCP");
    const options = `OPTIONS sip:${S} SIP/2.0\r\nContent-Length: 500\r\n\r\n${"x".repeat(100)}`;
    const segments: [Dir, string][] = [
      ["orig", invite + options],
      ["orig", "OPTIONS x"],
    ];
    const grown = sipSpec(flow([["orig", invite]], { l4: "tcp", nat: true })).segments[0].data;
    const delta = grown.length - invite.length;
    const fixed = sipSpec(flow(segments, { l4: "tcp", nat: true }));
    expect(fixed.segments[1].seq).toBe(invite.length + options.length + delta);
    // Before 2026-03 the loop returned early (msglen > datalen) and recorded nothing.
    const old = sipSpec(flow(segments, { l4: "tcp", nat: true, config: { strictParsing: false } }));
    expect(old.segments[1].seq).toBe(invite.length + options.length);
  });
  it("TCP+SNAT: a message within its Content-Length but past the segment end: rewritten, no seqadj (facts 06:32)", () => {
    const invite = request("INVITE", 1, sdp(C)).replace("SIP/2.0/UDP", "SIP/2.0/TCP");
    // Content-Length 10 ≤ what remains, but only 3 body bytes follow the blank line.
    const options = `OPTIONS sip:${S} SIP/2.0\r\nContent-Length: 10\r\n\r\nabc`;
    const outcome = sipSpec(
      flow(
        [
          ["orig", invite + options],
          ["orig", "OPTIONS x"],
        ],
        { l4: "tcp", nat: true },
      ),
    );
    expect(outcome.segments.map((s) => s.verdict)).toEqual(["accept", "accept"]);
    expect(outcome.segments[0].data.length).toBeGreaterThan(invite.length + options.length);
    expect(text(outcome.segments[0].data)).toContain(`c=IN IP4 ${N}`);
    expect(outcome.segments[1].seq).toBe(invite.length + options.length);
  });
});

describe("measured 06:20: under NAT the session o=/c= get the last processed media's address", () => {
  it("IPv6, TCP, SNAT: a 200 OK whose third media names the server", () => {
    const c6 = "2001:db8:1::2";
    const s6 = "2001:db8:2::5";
    const n6 = "2001:db8:100::1";
    const body =
      `v=0\r\no=u 1 1 IN IP6 ${c6}\r\ns=-\r\nc=IN IP6 ${c6}\r\nt=0 0\r\n` +
      `m=audio 20000 RTP/AVP 0\r\nc=IN IP6 ${c6}\r\n` +
      "m=audio 20002 RTP/AVP 0\r\n" +
      `m=image 20004 udptl t38\r\nc=IN IP6 ${s6}\r\n` +
      `m=audio 20006 RTP/AVP 0\r\nc=IN IP6 ${c6}\r\n`;
    const ok =
      `SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP [${s6}]:5060\r\nCSeq: 1 INVITE\r\n` +
      `Content-Length: ${body.length}\r\n\r\n${body}`;
    const f: Flow = {
      helper: "sip",
      l4: "tcp",
      client: { addr: c6, port: 5060 },
      server: { addr: s6, port: 5060 },
      nat: { client: { addr: n6 } },
      segments: [{ dir: "orig", data: bytes(ok) }],
    };
    const outcome = sipSpec(f);
    const out = text(outcome.segments[0].data);
    expect(out).toContain(`o=u 1 1 IN IP6 ${s6}\r\ns=-\r\nc=IN IP6 ${s6}\r\n`);
    expect(out).toContain(`m=audio 20000 RTP/AVP 0\r\nc=IN IP6 ${n6}\r\n`);
    expect(out).toContain(`m=audio 20006 RTP/AVP 0\r\nc=IN IP6 ${c6}\r\n`);
    expect(outcome.expectations.map((e) => e.dport)).toEqual([20000, 20001, 20002, 20003]);
  });
});

describe("never throws on bytes", () => {
  it("mutated and cut messages over UDP/TCP, v4, NAT or not, both parsings (300 seeded flows)", () => {
    const seeds = [
      request("INVITE", 1, sdp(C, ["audio 20000 RTP/AVP 0", "video 20002 RTP/AVP 31"])),
      register(`Contact: <sip:a@${C}:5070>;expires=60, <sip:b@${C}>`),
      response("200 OK", "1 REGISTER", "", [`Contact: <sip:a@${N}:5070>;expires=0x10`]),
    ];
    let state = 7;
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state % n;
    };
    let outcomes = 0;
    for (let i = 0; i < 300; i++) {
      const segments: [Dir, string][] = [];
      for (let k = 0; k <= random(3); k++) {
        const chars = [...seeds[random(seeds.length)]];
        for (let m = random(8); m > 0; m--) {
          chars.splice(random(chars.length + 1), random(3), String.fromCharCode(random(256)));
        }
        segments.push([
          random(2) ? "orig" : "reply",
          chars.slice(0, random(4) ? undefined : random(chars.length)).join(""),
        ]);
      }
      const options: FlowOptions = {
        l4: random(2) ? "udp" : "tcp",
        nat: random(2) === 1,
        config: { strictParsing: random(2) === 1, directMedia: random(2) === 1 },
      };
      const outcome = sipSpec(flow(segments, options));
      expect(outcome.segments).toHaveLength(segments.length);
      outcomes++;
    }
    expect(outcomes).toBe(300);
  });
});
