#!/usr/bin/env python3
"""Writes corpus/sip/**.json (flows only; `expected` comes from the kernel:
`node --import tsx scripts/measure-corpus.ts corpus/sip`).

  python3 scripts/make-sip-corpus.py RFC4475_SOURCE

RFC4475_SOURCE: the RFC 4475 messages as resiprocate's resip/stack/test/RFC4475TortureTests.cxx
carries them (one C comment per test, the RFC's long-line and hex conventions already
expanded); lines end in CRLF here (the RFC's convention). The RFC 5118 messages are written
below as nksip's test/ipv6_test.erl carries them (with its corrected Content-Lengths).
"""
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus", "sip")
C, S, N = "198.18.0.2", "198.19.0.5", "198.18.100.1"
C6, S6, N6 = "2001:db8:1::2", "2001:db8:2::5", "2001:db8:100::1"


def seg(direction, data, seq=None):
    d = {"dir": direction}
    if seq is not None:
        d["seq"] = seq
    d["data"] = data
    return d


def write(path, name, description, l4, client, server, segments, nat=None, cport=5060, sport=5060):
    flow = {"helper": "sip", "l4": l4, "client": {"addr": client, "port": cport},
            "server": {"addr": server, "port": sport}}
    if nat:
        flow["nat"] = {"client": {"addr": nat}}
    out = []
    for s in segments:
        data = s["data"].encode("latin1") if isinstance(s["data"], str) else s["data"]
        o = {"dir": s["dir"]}
        if "seq" in s:
            o["seq"] = s["seq"]
        if all(b in (9, 10, 13) or 32 <= b < 127 for b in data):
            o["text"] = data.decode("ascii")
        else:
            import base64
            o["base64"] = base64.b64encode(data).decode()
        out.append(o)
    flow["segments"] = out
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        json.dump({"name": name, "description": description, "property": "corpus", "flow": flow}, f,
                  indent=2)
        f.write("\n")


def crlf(lines):
    return "".join(l + "\r\n" for l in lines)


def msg(first, headers, body="", cl=None):
    h = crlf([first] + headers)
    if cl is not False:
        h += "Content-Length: %s\r\n" % (len(body) if cl is None else cl)
    return h + "\r\n" + body


def sdp(addr, ports=(20000,), fam=4, media="audio", extra=""):
    ip = "IP4" if fam == 4 else "IP6"
    m = "".join("m=%s %d RTP/AVP 0\r\n" % (media, p) for p in ports)
    return "v=0\r\no=- 1 1 IN %s %s\r\ns=-\r\nc=IN %s %s\r\nt=0 0\r\n%s%s" % (ip, addr, ip, addr, m, extra)


def host(a):
    return "[%s]" % a if ":" in a else a


def register(c, s, cport=5060, contact=None, extra=(), transport="UDP", cseq=1, expires="3600"):
    contact = contact or "<sip:alice@%s:%d>" % (host(c), cport)
    hs = ["Via: SIP/2.0/%s %s:%d;branch=z9hG4bKr%d" % (transport, host(c), cport, cseq),
          "From: <sip:alice@%s>;tag=1" % host(s), "To: <sip:alice@%s>" % host(s), "Call-ID: r@x",
          "CSeq: %d REGISTER" % cseq, "Contact: " + contact] + list(extra)
    if expires is not None:
        hs.append("Expires: %s" % expires)
    return msg("REGISTER sip:%s SIP/2.0" % host(s), hs)


def invite(c, s, cport=5060, body=None, transport="UDP", extra=(), cl=None, cseq=1):
    body = sdp(c, fam=6 if ":" in c else 4) if body is None else body
    return msg("INVITE sip:bob@%s SIP/2.0" % host(s),
               ["Via: SIP/2.0/%s %s:%d;branch=z9hG4bKi%d" % (transport, host(c), cport, cseq),
                "From: Alice <sip:alice@%s>;tag=1" % host(c), "To: Bob <sip:bob@%s>" % host(s),
                "Call-ID: a@b", "CSeq: %d INVITE" % cseq, "Contact: <sip:alice@%s:%d>" % (host(c), cport)]
               + list(extra) + ["Content-Type: application/sdp"], body, cl=cl)


def ok(method, cseq=1, body="", extra=()):
    return msg("SIP/2.0 200 OK", list(extra) + ["CSeq: %d %s" % (cseq, method)]
               + (["Content-Type: application/sdp"] if body else []), body)


def options(c, s, cport=5060, transport="TCP", cl=None):
    return msg("OPTIONS sip:%s SIP/2.0" % host(s),
               ["Via: SIP/2.0/%s %s:%d;branch=z9hG4bKo" % (transport, host(c), cport),
                "From: <sip:a@%s>;tag=2" % host(c), "To: <sip:%s>" % host(s), "Call-ID: o@x", "CSeq: 7 OPTIONS"], cl=cl)


def kernel_cases():
    """Behaviours the two models must get right, each measured on 6.18.44 (docs/sip.md)."""
    k = "kernel/"
    w = lambda f, n, d, l4, segs, nat=False, fam=4, cport=5060: write(
        k + f + ".json", n, d, l4, C if fam == 4 else C6, S if fam == 4 else S6, segs,
        (N if fam == 4 else N6) if nat else None, cport)
    w("k01-register-udp-expects", "K1 REGISTER over UDP expects signalling from the registrar",
      "Contact names the sender with Expires 3600: one signalling expectation, src = registrar "
      "(direct_signalling=1), sport wildcard, dst = the Contact's address and port, l4 udp.",
      "udp", [seg("orig", register(C, S))])
    w("k02-register-tcp-expects-tcp", "K2 REGISTER over TCP expects TCP",
      "The signalling expectation has the connection's transport.", "tcp",
      [seg("orig", register(C, S, transport="TCP"))])
    w("k03-register-without-expires", "K3 REGISTER without Expires or expires= expects nothing",
      "expires defaults to 0: no expectation, accepted.", "udp", [seg("orig", register(C, S, expires=None))])
    w("k04-register-third-party", "K4 REGISTER for a third party expects nothing",
      "The first Contact names 192.0.2.9, not the sender.", "udp",
      [seg("orig", register(C, S, contact="<sip:bob@192.0.2.9:5060>"))])
    w("k05-register-transport-mismatch", "K5 REGISTER with ;transport=tcp on a UDP connection",
      "transport= must match the conntrack protocol: no expectation.", "udp",
      [seg("orig", register(C, S, contact="<sip:alice@%s:5060;transport=tcp>" % C))])
    w("k06-register-200-keeps", "K6 a 200 to the REGISTER keeps the expectation",
      "CSeq equals register_cseq, Contact ours with expires=3600: re-armed, still live.", "udp",
      [seg("orig", register(C, S)), seg("reply", ok("REGISTER", extra=["Contact: <sip:alice@%s:5060>;expires=3600" % C]))])
    w("k07-register-403-flushes", "K7 a 403 to the REGISTER flushes it", "Non-2xx with the REGISTER's CSeq.", "udp",
      [seg("orig", register(C, S)), seg("reply", msg("SIP/2.0 403 Forbidden", ["CSeq: 1 REGISTER"]))])
    w("k08-register-200-other-cseq", "K8 a 200 with another CSeq is ignored", "register_cseq is 1, the 200 says 2.", "udp",
      [seg("orig", register(C, S)), seg("reply", ok("REGISTER", cseq=2, extra=["Contact: <sip:alice@%s:5060>;expires=0" % C]))])
    w("k09-register-200-expires0", "K9 a 200 whose Contact says expires=0 flushes", "c_expires 0 ⇒ flush.", "udp",
      [seg("orig", register(C, S)), seg("reply", ok("REGISTER", extra=["Contact: <sip:alice@%s:5060>;expires=0" % C]))])
    w("k10-register-second-evicts", "K10 a second REGISTER evicts the first (signalling max 1)", "", "udp",
      [seg("orig", register(C, S)), seg("orig", register(C, S, cseq=2, contact="<sip:alice@%s:7000>" % C))])
    w("k11-register-nat", "K11 REGISTER under SNAT", "Expectation toward the NAT address, same port; Via and Contact rewritten.",
      "udp", [seg("orig", register(C, S))], nat=True)
    w("k12-register-v6", "K12 REGISTER over IPv6", "Bracketed Contact.", "udp", [seg("orig", register(C6, S6))], fam=6)
    w("k13-register-v6-no-brackets", "K13 IPv6 Contact without brackets is not parsed", "", "udp",
      [seg("orig", register(C6, S6, contact="<sip:alice@%s>" % C6))], fam=6)
    # 2026 fixes
    for i, (port, why) in enumerate([("1000", "below 1024"), ("1023", "below 1024"), ("1024", "the lowest valid"),
                                     ("65535", "the highest valid"), ("70000", "above 65535"),
                                     ("065060", "six digits"), ("05060", "five digits with a leading zero"),
                                     ("", "no digits")]):
        w("k2%d-contact-port-%s" % (i, port or "empty"), "K2%d Contact port :%s (%s)" % (i, port, why),
          "2026-04 sip_parse_port: at most 5 digits, 1024..65535, else the header is malformed and skipped "
          "(accept, no expectation; before 2026-04 an out-of-range port dropped the packet).", "udp",
          [seg("orig", register(C, S, contact="<sip:alice@%s:%s>" % (C, port)))])
    base = "REGISTER sip:%s SIP/2.0\r\nCSeq: 1 REGISTER\r\nExpires: 3600\r\nContact: " % S
    w("k30-contact-at-buffer-end", "K30 an address that ends the datagram is malformed",
      "2026-04: sip_parse_port returns false at the buffer end.", "udp", [seg("orig", base + "sip:alice@" + C)])
    w("k31-contact-port-at-buffer-end", "K31 a port that ends the datagram is malformed", "", "udp",
      [seg("orig", base + "sip:alice@%s:6202" % C)], cport=6202)
    w("k32-contact-at-end-with-crlf", "K32 the same Contact followed by CRLF expects", "", "udp",
      [seg("orig", base + "sip:alice@%s\r\n" % C)])
    for i, (val, why) in enumerate([("0x10", "base 10: 0, so nothing (base 0 would give 16)"),
                                    ("010", "base 10: 10"), ("4294967296", "> UINT_MAX fails: DROP"),
                                    ("4294967297", "> UINT_MAX fails: DROP"), ("", "empty: DROP (2023-07)"),
                                    (" 60", "a space before the digits: DROP"), ("0", "0: nothing")]):
        w("k4%d-contact-expires-%s" % (i, val.strip() or "empty"), "K4%d Contact ;expires=%s" % (i, val), why, "udp",
          [seg("orig", register(C, S, contact="<sip:alice@%s:5060>;expires=%s" % (C, val)))])
    for i, (val, why) in enumerate([("0x10", "0"), ("010", "10"), ("4294967296", "> UINT_MAX: 0, no drop"), ("", "none")]):
        w("k5%d-expires-header-%s" % (i, val or "empty"), "K5%d Expires: %s" % (i, val), why, "udp",
          [seg("orig", register(C, S, expires=val))])
    w("k56-contact-expires-overrides-header", "K56 ;expires=60 overrides Expires: 0", "", "udp",
      [seg("orig", register(C, S, contact="<sip:alice@%s:5060>;expires=60" % C, expires="0"))])
    w("k57-contact-list-first-malformed", "K57 a comma list whose first Contact is malformed",
      "REGISTER requests read the first parsable Contact header only, never the rest of its comma list.", "udp",
      [seg("orig", register(C, S, contact="<sip:alice@%s:1000>, <sip:alice@%s:5060>" % (C, C)))])
    w("k58-contact-header-after-hostname", "K58 a later Contact header after a hostname one", "", "udp",
      [seg("orig", register(C, S, contact="<sip:alice@example.com>\r\nContact: <sip:alice@%s:5060>" % C))])
    tail = register(C, S, transport="TCP")
    w("k60-content-length-over-uint", "K60 Content-Length > UINT_MAX does not frame a second message",
      "2026-03/04: before, 2^32 + n truncated to n and the REGISTER after it was processed.", "tcp",
      [seg("orig", options(C, S, cl=4294967296 + len(tail)) + tail)])
    w("k61-content-length-over-remaining-seqadj", "K61 Content-Length beyond the segment stops the loop, seqadj kept",
      "2026-03: the loop breaks (seqadj of the INVITE's +8 rewrite recorded); before, it returned without seqadj.", "tcp",
      [seg("orig", invite(C, S, transport="TCP") + options(C, S, cl=500)), seg("orig", options(C, S))], nat=True)
    w("k62-tcp-invite-without-content-length", "K62 TCP INVITE without Content-Length is not processed", "", "tcp",
      [seg("orig", invite(C, S, transport="TCP", cl=False))])
    w("k63-udp-invite-without-content-length", "K63 UDP INVITE without Content-Length is processed", "", "udp",
      [seg("orig", invite(C, S, cl=False))])
    w("k64-tcp-content-length-short", "K64 TCP Content-Length shorter than the body cuts the SDP", "", "tcp",
      [seg("orig", invite(C, S, transport="TCP", cl=3))])
    w("k65-tcp-two-messages", "K65 two messages in one segment: both processed", "", "tcp",
      [seg("orig", options(C, S) + register(C, S, transport="TCP"))])
    w("k66-tcp-mid-segment", "K66 a message after junk in the segment is not seen", "", "tcp",
      [seg("orig", "XYZ\r\n" + register(C, S, transport="TCP"))])
    # media
    w("k70-invite-200-media", "K70 INVITE and 200 with SDP: four media expectations",
      "src = the signalling peer, sport wildcard; RTP then RTCP.", "udp",
      [seg("orig", invite(C, S)), seg("reply", ok("INVITE", body=sdp(S, (30000,))))])
    w("k71-media-foreign-address", "K71 SDP naming another host: no expectation (direct media)", "", "udp",
      [seg("orig", invite(C, S, body=sdp("192.0.2.50")))])
    w("k72-media-odd-port", "K72 odd media port: RTP = port & ~1", "", "udp", [seg("orig", invite(C, S, body=sdp(C, (20001,))))])
    w("k73-media-port-1000", "K73 media port below 1024 drops", "", "udp", [seg("orig", invite(C, S, body=sdp(C, (1000,))))])
    w("k74-media-port-0", "K74 media port 0 is inactive", "", "udp", [seg("orig", invite(C, S, body=sdp(C, (0,))))])
    w("k75-media-without-c", "K75 media without any c= drops", "", "udp",
      [seg("orig", invite(C, S, body="v=0\r\no=- 1 1 IN IP4 %s\r\ns=-\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0\r\n" % C))])
    w("k76-media-four-audio", "K76 four audio media: three processed, audio max 4 evicts", "", "udp",
      [seg("orig", invite(C, S, body=sdp(C, (20000, 20002, 20004, 20006))))])
    w("k77-media-classes", "K77 audio, video, image, audio: the first three", "", "udp",
      [seg("orig", invite(C, S, body=sdp(C, (20000,)) + "m=video 20010 RTP/AVP 31\r\nm=image 20020 udptl t38\r\nm=audio 20030 RTP/AVP 0\r\n"))])
    w("k78-media-hex-port", "K78 m=audio 0x4e20 is port 0", "", "udp",
      [seg("orig", invite(C, S, body=sdp(C, (20000,)).replace("20000", "0x4e20")))])
    w("k79-media-level-c-overrides", "K79 media-level c= overrides the session c=", "", "udp",
      [seg("orig", invite(C, S, body="v=0\r\no=- 1 1 IN IP4 %s\r\ns=-\r\nc=IN IP4 192.0.2.77\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0\r\nc=IN IP4 %s\r\n" % (C, C)))])
    w("k80-bye-flushes", "K80 BYE flushes media", "", "udp",
      [seg("orig", invite(C, S)), seg("orig", msg("BYE sip:bob@%s SIP/2.0" % S, ["CSeq: 2 BYE"]))])
    w("k81-486-flushes", "K81 486 to the INVITE flushes media", "", "udp",
      [seg("orig", invite(C, S)), seg("reply", msg("SIP/2.0 486 Busy Here", ["CSeq: 1 INVITE"]))])
    w("k82-486-other-cseq-keeps", "K82 486 with another CSeq keeps media", "", "udp",
      [seg("orig", invite(C, S)), seg("reply", msg("SIP/2.0 486 Busy Here", ["CSeq: 9 INVITE"]))])
    w("k83-missing-cseq-drops", "K83 INVITE without CSeq drops", "", "udp",
      [seg("orig", invite(C, S).replace("CSeq: 1 INVITE\r\n", ""))])
    w("k84-bad-status-drops", "K84 a response without a status code drops", "", "udp",
      [seg("orig", options(C, S, transport="UDP")), seg("reply", "SIP/2.0 abc OK\r\nCSeq: 7 OPTIONS\r\n\r\n")])
    w("k85-lowercase-method", "K85 methods are case-insensitive", "", "udp", [seg("orig", invite(C, S).replace("INVITE sip", "invite sip"))])
    # NAT
    w("k90-nat-invite-udp", "K90 INVITE under SNAT: Via, Contact, From (:5060 added), o=, c=, Content-Length", "", "udp",
      [seg("orig", invite(C, S))], nat=True)
    w("k91-nat-from-other-port", "K91 client port 5070: From without port is not rewritten",
      "A URI without a port counts as 5060, which is not the connection's port.", "udp",
      [seg("orig", invite(C, S, cport=5070))], nat=True, cport=5070)
    w("k92-nat-forced-dport", "K92 forced_dport: the Request-URI and To get the Via's port",
      "Client port 5060, top Via says 5062: forced_dport 5062.", "udp",
      [seg("orig", invite(C, S).replace("%s:5060;branch" % C, "%s:5062;branch" % C))], nat=True)
    w("k93-nat-media-repeated", "K93 the same media port twice under SNAT replaces", "", "udp",
      [seg("orig", invite(C, S, body=sdp(C, (20000, 20000))))], nat=True)
    w("k94-nat-tcp-seqadj", "K94 TCP INVITE + OPTIONS under SNAT: both rewritten, one seqadj", "", "tcp",
      [seg("orig", invite(C, S, transport="TCP") + options(C, S)), seg("orig", options(C, S))], nat=True)
    w("k95-nat-v6-tcp", "K95 IPv6 TCP INVITE under SNAT", "", "tcp",
      [seg("orig", invite(C6, S6, transport="TCP")), seg("orig", options(C6, S6))], nat=True, fam=6)
    w("k96-nat-reply-via", "K96 the 200's Via, received= toward the NAT address are rewritten back", "", "udp",
      [seg("orig", invite(C, S)), seg("reply", ok("INVITE", extra=["Via: SIP/2.0/UDP %s:5060;rport=5060;received=%s;branch=z9hG4bKi1" % (N, N)]))],
      nat=True)
    w("k97-nat-foreign-sdp", "K97 SDP naming another host under SNAT is left alone", "", "udp",
      [seg("orig", invite(C, S, body=sdp("192.0.2.50")))], nat=True)
    w("k98-nat-compact-content-length", "K98 compact l: is recomputed too", "", "udp",
      [seg("orig", invite(C, S).replace("Content-Length:", "l:"))], nat=True)


def slipstream_cases():
    d = "slipstream/"
    http = lambda cl: ("POST /samy HTTP/1.1\r\nHost: %s:5060\r\nConnection: keep-alive\r\nContent-Length: %d\r\n"
                       "Content-Type: text/plain\r\nUser-Agent: Mozilla/5.0\r\n\r\n" % (S, cl))
    reg = lambda port: ("REGISTER sip:samy.pl;transport=TCP SIP/2.0\r\nVia: SIP/2.0/TCP %s:%d;branch=I9hG4bK-d8754z-c2ac7de1b3ce90f7-1---d8754z-;rport;transport=TCP\r\n"
                        "Max-Forwards: 70\r\nContact: <sip:samy@%s:%d;rinstance=v40f3f83b335139c;transport=TCP>\r\n"
                        "To: <sip:samy@samy.pl;transport=TCP>\r\nFrom: <sip:samy@samy.pl;transport=TCP>;tag=U7c3d519\r\n"
                        "Call-ID: aaaaaaaaaaaaaaaaa0404aaaaaaaaaaaabbbbbbZjQ4M2M.\r\nCSeq: 1 REGISTER\r\nExpires: 7200\r\n"
                        "Allow: REGISTER, INVITE, ACK, BYE, CANCEL\r\nContent-Length: 0\r\n\r\n" % (C, port, C, port))
    body = reg(3306)
    pad = 1200
    w = lambda f, n, desc, segs, nat=None, l4="tcp": write(d + f + ".json", n, desc, l4, C, S, segs, nat, 50000, 5060)
    w("v1-register-at-segment-boundary", "Slipstreaming v1: REGISTER at a TCP segment boundary in an HTTP POST body",
      "The browser's POST body is padded so that a new segment starts with the REGISTER (the published attack, "
      "the victim's own address in Contact, port 3306). 6.18.44 does NOT refuse: a TCP signalling expectation from "
      "the server to the client's port 3306.",
      [seg("orig", http(pad + len(body)) + "A" * pad), seg("orig", body)])
    w("v1-register-at-segment-boundary-nat", "Slipstreaming v1 through SNAT",
      "As v1, the router SNATs: the expectation names the NAT address (what the attacker's server reaches).",
      [seg("orig", http(pad + len(body)) + "A" * pad), seg("orig", body)], nat=N)
    w("v1-register-mid-segment", "Slipstreaming v1 misaligned: the REGISTER starts mid-segment",
      "Same bytes in one segment: the HTTP head's Content-Length covers the REGISTER, nothing is expected.",
      [seg("orig", http(pad + len(body)) + "A" * pad + body)])
    w("v1-http-content-length-0", "Slipstreaming in one segment: an HTTP head with Content-Length 0, then a REGISTER",
      "The HTTP head frames as a SIP message of its own (CL 0), so the REGISTER after it is the next message: expected.",
      [seg("orig", http(0) + body)])
    w("v2-register-third-party", "Slipstreaming v2 shape: REGISTER naming another internal host",
      "v2 pivots to other hosts behind the NAT; Linux's helper ignores third-party Contacts: nothing expected.",
      [seg("orig", http(pad + len(body)) + "A" * pad), seg("orig", body.replace("samy@%s" % C, "samy@192.0.2.20"))])
    inv = invite(C, S, transport="TCP", body=sdp("192.0.2.20", (3306,)))
    w("v2-invite-sdp-other-host", "Slipstreaming v2 shape: INVITE whose SDP names another internal host",
      "direct media: the SDP address must be the sender's: nothing expected.",
      [seg("orig", http(pad + len(inv)) + "A" * pad), seg("orig", inv)])
    inv2 = invite(C, S, transport="TCP", body=sdp(C, (3306,)))
    w("v2-invite-sdp-own-host", "Slipstreaming v2 shape: INVITE at a segment boundary, SDP names the victim",
      "The media pinhole variant: UDP expectations toward the victim's port 3306 (and 3307) from the server.",
      [seg("orig", http(pad + len(inv2)) + "A" * pad), seg("orig", inv2)])
    w("v1-udp-register", "Slipstreaming over UDP: a REGISTER datagram", "Plain UDP REGISTER from the victim (WebRTC/TURN-style delivery).",
      [seg("orig", body.replace("TCP", "UDP"))], l4="udp")


def user_agent_cases():
    d = "user-agents/"
    w = lambda f, n, desc, l4, segs, nat=None, cport=5060, c=C, s=S: write(d + f + ".json", n, desc, l4, c, s, segs, nat, cport, 5060)
    # Linphone (liblinphone/belle-sip) style: rport, ;transport, +sip.instance, compact-free, Supported etc.
    lin_reg = msg("REGISTER sip:%s SIP/2.0" % S, [
        "Via: SIP/2.0/UDP %s:5060;branch=z9hG4bK.PAWn4Hmqt;rport" % C,
        "From: <sip:alice@%s>;tag=vrDmtVQ~y" % S, "To: sip:alice@%s" % S, "CSeq: 20 REGISTER",
        "Call-ID: L6Pd3vKgAv", "Max-Forwards: 70",
        "Supported: replaces, outbound, gruu, path",
        "Accept: application/sdp", "Accept: text/plain", "Accept: application/vnd.gsma.rcs-ft-http+xml",
        "Contact: <sip:alice@%s;transport=udp>;+sip.instance=\"<urn:uuid:7b8a2f36-0a45-4bd4-9c2b-2e7ff7f5d0a3>\"" % C,
        "Expires: 3600", "User-Agent: Linphone-Desktop/5.2.4 (belle-sip/5.2.94)"])
    w("linphone-register", "Linphone REGISTER (belle-sip layout)", "Contact without port (5060), ;transport=udp, +sip.instance.",
      "udp", [seg("orig", lin_reg)])
    lin_inv = msg("INVITE sip:bob@%s SIP/2.0" % S, [
        "Via: SIP/2.0/UDP %s:5060;branch=z9hG4bK.Yp8~Yx3K7;rport" % C,
        "From: <sip:alice@%s>;tag=Q0q7uMBEw" % S, "To: sip:bob@%s" % S, "CSeq: 20 INVITE",
        "Call-ID: yhNAtF2nFG", "Max-Forwards: 70",
        "Supported: replaces, outbound, gruu, path, record-aware",
        "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO, PRACK, UPDATE",
        "Content-Type: application/sdp", "Contact: <sip:alice@%s;transport=udp>;+sip.instance=\"<urn:uuid:7b8a2f36>\"" % C,
        "User-Agent: Linphone-Desktop/5.2.4 (belle-sip/5.2.94)"],
        "v=0\r\no=alice 3207 1650 IN IP4 %s\r\ns=Talk\r\nc=IN IP4 %s\r\nt=0 0\r\na=ice-pwd:0c1b8f\r\na=rtcp-xr:rcvr-rtt=all:10000\r\n"
        "m=audio 7078 RTP/AVP 96 0 8 101\r\na=rtpmap:96 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\na=rtcp:7079\r\n"
        "m=video 9078 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\na=rtcp-fb:* ccm tmmbr\r\n" % (C, C))
    w("linphone-invite-audio-video", "Linphone INVITE with audio and video", "", "udp", [seg("orig", lin_inv)])
    w("linphone-invite-nat", "Linphone INVITE through SNAT", "", "udp", [seg("orig", lin_inv)], nat=N)
    # baresip
    bs_inv = msg("INVITE sip:bob@%s SIP/2.0" % S, [
        "Via: SIP/2.0/TCP %s:40123;branch=z9hG4bK5a6c2e1f;rport;alias" % C,
        "Contact: <sip:alice-0x55d@%s:40123;transport=tcp>" % C,
        "Max-Forwards: 70", "To: <sip:bob@%s>" % S, "From: \"Alice\" <sip:alice@%s>;tag=9c1f3a" % S,
        "Call-ID: 4b41d1c6f4e1b2f7", "CSeq: 31337 INVITE",
        "Allow: INVITE,ACK,BYE,CANCEL,OPTIONS,NOTIFY,SUBSCRIBE,INFO,MESSAGE,UPDATE,REFER",
        "Supported: replaces,norefersub", "User-Agent: baresip v3.10.1 (x86_64/linux)", "Content-Type: application/sdp"],
        "v=0\r\no=- 1985062364 2914367830 IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\na=tool:baresip 3.10.1\r\n"
        "m=audio 10778 RTP/AVP 96 0 8 101\r\nb=AS:133\r\na=rtpmap:96 opus/48000/2\r\na=sendrecv\r\na=rtcp-mux\r\n" % (C, C))
    w("baresip-invite-tcp", "baresip INVITE over TCP from an ephemeral port", "", "tcp", [seg("orig", bs_inv)], cport=40123)
    w("baresip-invite-tcp-split", "baresip INVITE over TCP split inside the SDP",
      "Neither segment holds a whole message: nothing processed.", "tcp",
      [seg("orig", bs_inv[:len(bs_inv) - 40]), seg("orig", bs_inv[len(bs_inv) - 40:])], cport=40123)
    w("baresip-invite-tcp-nat", "baresip INVITE over TCP through SNAT", "", "tcp", [seg("orig", bs_inv)], nat=N, cport=40123)
    # Asterisk (chan_pjsip) 200 OK with SDP from the server, after an INVITE from the client
    ast_ok = msg("SIP/2.0 200 OK", [
        "Via: SIP/2.0/UDP %s:5060;rport=5060;received=%s;branch=z9hG4bK.Yp8~Yx3K7" % (C, C),
        "Call-ID: yhNAtF2nFG", "From: <sip:alice@%s>;tag=Q0q7uMBEw" % S, "To: <sip:bob@%s>;tag=5c3b8f1e-2a7d" % S,
        "CSeq: 20 INVITE", "Server: Asterisk PBX 20.5.0",
        "Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, MESSAGE, REFER",
        "Contact: <sip:%s:5060>" % S, "Supported: 100rel, timer, replaces, norefersub", "Session-Expires: 1800;refresher=uac",
        "Require: timer", "Content-Type: application/sdp"],
        "v=0\r\no=- 3207 1652 IN IP4 %s\r\ns=Asterisk\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio 14876 RTP/AVP 0 101\r\n"
        "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=maxptime:150\r\na=sendrecv\r\n"
        "m=video 0 RTP/AVP 96\r\n" % (S, S))
    w("asterisk-200-ok", "Asterisk 200 OK with SDP (video declined with port 0)", "", "udp",
      [seg("orig", lin_inv), seg("reply", ast_ok)])
    w("asterisk-401-register", "Asterisk 401 to a REGISTER keeps nothing",
      "Non-2xx final response with the REGISTER's CSeq flushes.", "udp",
      [seg("orig", lin_reg), seg("reply", msg("SIP/2.0 401 Unauthorized", [
          "Via: SIP/2.0/UDP %s:5060;rport=5060;received=%s;branch=z9hG4bK.PAWn4Hmqt" % (C, C),
          "Call-ID: L6Pd3vKgAv", "From: <sip:alice@%s>;tag=vrDmtVQ~y" % S, "To: <sip:alice@%s>;tag=z9hG4bK.PAWn4Hmqt" % S,
          "CSeq: 20 REGISTER", "WWW-Authenticate: Digest realm=\"asterisk\",nonce=\"1700000000/abc\",opaque=\"0123\",algorithm=MD5,qop=\"auth\"",
          "Server: Asterisk PBX 20.5.0"]))])
    # Cisco phone: high source port, Via says 5060 (forced_dport)
    cis = msg("REGISTER sip:%s SIP/2.0" % S, [
        "Via: SIP/2.0/UDP %s:5060;branch=z9hG4bK3e7a1b2c" % C,
        "From: <sip:1001@%s>;tag=0017e0b2c3d40002" % S, "To: <sip:1001@%s>" % S,
        "Call-ID: 0017e0b2-c3d40003-1f2e3d4c-5b6a7980@%s" % C, "Max-Forwards: 70", "Date: Tue, 01 Dec 2026 10:00:00 GMT",
        "CSeq: 101 REGISTER", "User-Agent: Cisco-CP7965G/9.4.2",
        "Contact: <sip:1001@%s:5060;transport=udp>;+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-0017e0b2c3d4>\";+u.sip!model.ccm.cisco.com=\"436\"" % C,
        "Supported: replaces,join,sdp-anat,norefersub,extended-refer,X-cisco-callinfo,X-cisco-serviceuri",
        "Reason: SIP;cause=200;text=\"cisco-alarm:14 Name=SEP0017E0B2C3D4\"", "Expires: 3600"])
    w("cisco-register-high-port", "Cisco phone REGISTER from a high source port, Via and Contact say 5060",
      "Contact names port 5060 (not the source port): the expectation is for 5060; the Via sets forced_dport.", "udp",
      [seg("orig", cis)], cport=51234)
    w("cisco-register-high-port-nat", "Cisco phone REGISTER from a high source port through SNAT",
      "Via/Contact port 5060 is not the connection's port: not rewritten.", "udp", [seg("orig", cis)], nat=N, cport=51234)
    # SIPp uac default scenario
    sipp = msg("INVITE sip:service@%s:5060 SIP/2.0" % S, [
        "Via: SIP/2.0/UDP %s:5061;branch=z9hG4bK-12345-1-0" % C, "From: sipp <sip:sipp@%s:5061>;tag=12345SIPpTag001" % C,
        "To: service <sip:service@%s:5060>" % S, "Call-ID: 1-12345@%s" % C, "CSeq: 1 INVITE",
        "Contact: sip:sipp@%s:5061" % C, "Max-Forwards: 70", "Subject: Performance Test", "Content-Type: application/sdp"],
        "v=0\r\no=user1 53655765 2353687637 IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n" % (C, C))
    w("sipp-uac-invite", "SIPp uac scenario INVITE", "", "udp", [seg("orig", sipp)], cport=5061)
    w("sipp-uac-invite-nat", "SIPp uac scenario INVITE through SNAT",
      "From/Contact name port 5061 = the client port: rewritten with it; To/Request-URI (server) unchanged.", "udp",
      [seg("orig", sipp)], nat=N, cport=5061)
    w("sipp-uac-invite-tcp-two-segments", "SIPp INVITE then BYE over TCP in two segments", "", "tcp",
      [seg("orig", sipp.replace("UDP", "TCP")), seg("orig", msg("BYE sip:service@%s:5060 SIP/2.0" % S, [
          "Via: SIP/2.0/TCP %s:5061;branch=z9hG4bK-12345-1-5" % C, "CSeq: 2 BYE"]))], cport=5061)
    w("compact-forms-invite", "INVITE written entirely in compact forms (v, f, t, i, m, l)", "", "udp",
      [seg("orig", "INVITE sip:bob@%s SIP/2.0\r\nv: SIP/2.0/UDP %s:5060;branch=z9hG4bKc\r\nf: <sip:alice@%s>;tag=1\r\n"
                   "t: <sip:bob@%s>\r\ni: c@x\r\nCSeq: 1 INVITE\r\nm: <sip:alice@%s:5060>\r\nc: application/sdp\r\nl: %d\r\n\r\n%s"
                   % (S, C, C, S, C, len(sdp(C)), sdp(C)))], nat=N)
    w("folded-headers-register", "REGISTER with folded Contact and Expires", "", "udp",
      [seg("orig", "REGISTER sip:%s SIP/2.0\r\nVia: SIP/2.0/UDP %s:5060;branch=z9hG4bKf\r\nCSeq: 1 REGISTER\r\nContact:\r\n <sip:alice@%s:5060>\r\nExpires :\r\n\t3600\r\nContent-Length: 0\r\n\r\n"
                   % (S, C, C))])
    w("ipv6-linphone-invite", "IPv6 INVITE (bracketed Via/Contact, IN IP6)", "", "udp",
      [seg("orig", invite(C6, S6))], c=C6, s=S6)


def rfc4475_cases(source):
    text = open(source, "rb").read().decode("latin1")
    funcs = re.split(r"\n(?=[a-z0-9]+\(\)\n\{)", text)
    count = 0
    for f in funcs[1:]:
        name = f.split("(")[0]
        m = re.search(r"/\*\n(.*?)\*/", f, re.S)
        if not m:
            continue
        lines = m.group(1).split("\n")
        start = next((i for i, l in enumerate(lines) if re.match(r"^(\S+\s+\S.*SIP/\d|SIP/\d|\S+ sip:)", l)), None)
        if start is None:
            continue
        lines = lines[start:]
        while lines and lines[-1] == "":
            lines.pop()
        body_at = lines.index("") if "" in lines else None
        data = "\r\n".join(lines) + ("\r\n" if body_at is not None and body_at < len(lines) - 1 else "\r\n\r\n")
        addrs = re.findall(r"\b192\.0\.2\.(\d+)\b", data)
        sdp_c = re.findall(r"c=IN IP4 (192\.0\.2\.\d+)", data)
        client = sdp_c[0] if sdp_c else ("192.0.2.%s" % addrs[0] if addrs else "192.0.2.1")
        server = "198.51.100.5"
        desc = ("RFC 4475 test '%s' sent by %s (its SDP or Via address) as one message; lines end in CRLF. "
                "expected = what 6.18.44 did." % (name, client))
        for l4, nat in (("udp", None), ("tcp", None), ("udp", "203.0.113.1")):
            suffix = l4 + ("-nat" if nat else "")
            write("rfc4475/%s-%s.json" % (name, suffix), "RFC 4475 %s over %s%s" % (name, l4.upper(), " with SNAT" if nat else ""),
                  desc, l4, client, server, [seg("orig", data)], nat)
            count += 1
    return count


RFC5118 = {
    "4.1-ipv6-reference": ("2001:db8::9:1", "REGISTER sip:[2001:db8::10] SIP/2.0\r\nTo: sip:user@example.com\r\nFrom: sip:user@example.com;tag=81x2\r\nVia: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\r\nCall-ID: SSG9559905523997077@hlau_4100\r\nMax-Forwards: 70\r\nContact: \"Caller\" <sip:caller@[2001:db8::1]>\r\nCSeq: 98176 REGISTER\r\nContent-Length: 0\r\n\r\n"),
    "4.2-ipv6-without-brackets": ("2001:db8::9:1", "REGISTER sip:2001:db8::10 SIP/2.0\r\nTo: sip:user@example.com\r\nFrom: sip:user@example.com;tag=81x2\r\nVia: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\r\nCall-ID: SSG9559905523997077@hlau_4100\r\nMax-Forwards: 70\r\nContact: \"Caller\" <sip:caller@[2001:db8::1]>\r\nCSeq: 98176 REGISTER\r\nContent-Length: 0\r\n\r\n"),
    "4.3-port-ambiguous": ("2001:db8::9:1", "REGISTER sip:[2001:db8::10:5070] SIP/2.0\r\nTo: sip:user@example.com\r\nFrom: sip:user@example.com;tag=81x2\r\nVia: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\r\nCall-ID: SSG9559905523997077@hlau_4100\r\nContact: \"Caller\" <sip:caller@[2001:db8::1]>\r\nMax-Forwards: 70\r\nCSeq: 98176 REGISTER\r\nContent-Length: 0\r\n\r\n"),
    "4.4-port-unambiguous": ("2001:db8::9:1", "REGISTER sip:[2001:db8::10]:5070 SIP/2.0\r\nTo: sip:user@example.com\r\nFrom: sip:user@example.com;tag=81x2\r\nVia: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\r\nCall-ID: SSG9559905523997077@hlau_4100\r\nContact: \"Caller\" <sip:caller@[2001:db8::1]>\r\nMax-Forwards: 70\r\nCSeq: 98176 REGISTER\r\nContent-Length: 0\r\n\r\n"),
    "4.5-via-received-brackets": ("2001:db8::9:1", "BYE sip:[2001:db8::10] SIP/2.0\r\nTo: sip:user@example.com;tag=bd76ya\r\nFrom: sip:user@example.com;tag=81x2\r\nVia: SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3-111\r\nCall-ID: SSG9559905523997077@hlau_4100\r\nMax-Forwards: 70\r\nCSeq: 321 BYE\r\nContent-Length: 0\r\n\r\n"),
    "4.5-via-received-no-brackets": ("2001:db8::9:1", "OPTIONS sip:[2001:db8::10] SIP/2.0\r\nTo: sip:user@example.com\r\nFrom: sip:user@example.com;tag=81x2\r\nVia: SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3\r\nCall-ID: SSG95523997077@hlau_4100\r\nMax-Forwards: 70\r\nContact: \"Caller\" <sip:caller@[2001:db8::9:1]>\r\nCSeq: 921 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
    "4.6-sdp-ipv6": ("2001:db8::20", "INVITE sip:user@[2001:db8::10] SIP/2.0\r\nTo: sip:user@[2001:db8::10]\r\nFrom: sip:user@example.com;tag=81x2\r\nVia: SIP/2.0/UDP [2001:db8::20];branch=z9hG4bKas3-111\r\nCall-ID: SSG9559905523997077@hlau_4100\r\nContact: \"Caller\" <sip:caller@[2001:db8::20]>\r\nCSeq: 8612 INVITE\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: 251\r\n\r\nv=0\r\no=assistant 971731711378798081 0 IN IP6 2001:db8::20\r\ns=Live video feed for today's meeting\r\nc=IN IP6 2001:db8::20\r\nt=3338481189 3370017201\r\nm=audio 6000 RTP/AVP 2\r\na=rtpmap:2 G726-32/8000\r\nm=video 6024 RTP/AVP 107\r\na=rtpmap:107 H263-1998/90000\r\n"),
    "4.7-multiple-vias-v4-v6": ("2001:db8::9:1", "BYE sip:user@host.example.net SIP/2.0\r\nVia: SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKjhja8781hjuaij65144\r\nVia: SIP/2.0/TCP [2001:db8::9:255];branch=z9hG4bK451jj;received=192.0.2.200\r\nCall-ID: 997077@lau_4100\r\nMax-Forwards: 70\r\nCSeq: 89187 BYE\r\nTo: sip:user@example.net;tag=9817--94\r\nFrom: sip:user@example.com;tag=81x2\r\nContent-Length: 0\r\n\r\n"),
    "4.8-sdp-v4-and-v6-media": ("2001:db8::9:1", "INVITE sip:user@[2001:db8::10] SIP/2.0\r\nTo: sip:user@[2001:db8::10]\r\nFrom: sip:user@example.com;tag=81x2\r\nVia: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\r\nCall-ID: SSG9559905523997077@hlau_4100\r\nContact: \"Caller\" <sip:caller@[2001:db8::9:1]>\r\nMax-Forwards: 70\r\nCSeq: 8912 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 189\r\n\r\nv=0\r\no=bob 280744730 28977631 IN IP4 host.example.com\r\ns=\r\nt=0 0\r\nm=audio 22334 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\nm=video 6024 RTP/AVP 107\r\nc=IN IP6 2001:db8::1\r\na=rtpmap:107 H263-1998/90000\r\n"),
    "4.9-ipv4-mapped": ("2001:db8::9:1", "INVITE sip:user@example.com SIP/2.0\r\nTo: sip:user@example.com\r\nFrom: sip:user@east.example.com;tag=81x2\r\nVia: SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19\r\nVia: SIP/2.0/UDP [::ffff:192.0.2.2];branch=z9hG4bKas3-111\r\nCall-ID: SSG9559905523997077@hlau_4100\r\nContact: \"T. desk phone\" <sip:ted@[::ffff:192.0.2.2]>\r\nCSeq: 612 INVITE\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: 245\r\n\r\nv=0\r\no=assistant 971731711378798081 0 IN IP6 ::ffff:192.0.2.2\r\ns=Call me soon, please!\r\nc=IN IP6 ::ffff:192.0.2.2\r\nt=3338481189 3370017201\r\nm=audio 6000 RTP/AVP 2\r\na=rtpmap:2 G726-32/8000\r\nm=video 6024 RTP/AVP 107\r\na=rtpmap:107 H263-1998/90000\r\n"),
}


def rfc5118_cases():
    count = 0
    for name, (client, data) in RFC5118.items():
        desc = ("RFC 5118 §%s as nksip's ipv6_test.erl carries it (its corrected Content-Length), sent by %s "
                "to 2001:db8::10. expected = what 6.18.44 did." % (name.split("-")[0], client))
        for l4, nat in (("udp", None), ("tcp", None), ("udp", "2001:db8::100:1")):
            suffix = l4 + ("-nat" if nat else "")
            write("rfc5118/%s-%s.json" % (name, suffix), "RFC 5118 %s over %s%s" % (name, l4.upper(), " with SNAT" if nat else ""),
                  desc, l4, client, "2001:db8::10", [seg("orig", data.replace("SIP/2.0/UDP [2001:db8::9:1]", "SIP/2.0/%s [2001:db8::9:1]" % l4.upper()) if l4 == "tcp" else data)], nat)
            count += 1
    return count


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    kernel_cases()
    slipstream_cases()
    user_agent_cases()
    print("rfc4475", rfc4475_cases(sys.argv[1]), "rfc5118", rfc5118_cases())
